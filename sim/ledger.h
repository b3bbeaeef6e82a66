// ledger.h: the company's books (mechanism 10). Every money flow is booked once, by category, in the
// week it happens; reports (operating profit over the last 52 weeks, IT cost, martech spend) are sums
// over the ledger, so identities such as revenue - costs = profit hold by construction and are tested.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace orgsim {

/// Booking categories. Revenue is income; every other category is a cost (OpsSavings is a negative
/// cost: back-office automation that IT's non-marketing projects deliver).
enum class Account : int {
    Revenue,
    ItSalaries,          ///< IT staff in filled seats
    Contractors,         ///< IT contractors bought with the budget above salaries
    ItLicences,          ///< licences and hosting of martech systems IT runs
    Security,            ///< security tools, monitoring and vetting (security share of IT's budget)
    MarketingBudget,     ///< marketing's budget (staff, programmes, media)
    ShadowSubscriptions, ///< tools marketing buys outside IT
    OtherOperating,      ///< the rest of the company's operating cost
    OpsSavings,          ///< back-office savings from IT projects (negative)
    Incidents,           ///< breach costs
    Replacement,         ///< recruiting and replacing leavers
    Governance,          ///< co-location and steering council
    BridgeRoles,         ///< CDO and CMT salaries
    Count
};
constexpr int kAccountCount = static_cast<int>(Account::Count);
const char* AccountKey(Account a);

class Ledger {
public:
    /// Open a new week (all categories zero).
    void OpenWeek() { rows_.emplace_back(); }
    /// Close the current week: its net result and IT spend are kept for the trailing sums.
    void CloseWeek();
    /// Book `musd` million USD to `a` in the current week.
    void Book(Account a, double musd) { rows_.back()[static_cast<std::size_t>(a)] += musd; }
    int Weeks() const { return static_cast<int>(rows_.size()); }
    /// Amount booked to `a` in week index `w` (0-based).
    double At(int w, Account a) const { return rows_[static_cast<std::size_t>(w)][static_cast<std::size_t>(a)]; }
    /// Total cost (every category but revenue) of week index w.
    double Costs(int w) const;
    /// IT's spend in week index w: salaries, contractors, licences and security.
    double ItSpend(int w) const;
    /// Sum of `a` over the last `n` weeks (fewer at the start).
    double Trailing(Account a, int n) const;
    /// Operating profit over the last 52 weeks, million USD (in the first year: the weeks so far,
    /// scaled to a year).
    double ProfitLastYear() const;
    const std::vector<std::array<double, kAccountCount>>& Rows() const { return rows_; }

private:
    std::vector<std::array<double, kAccountCount>> rows_;
    std::vector<double> net_;  ///< revenue - costs of each closed week
};

}  // namespace orgsim

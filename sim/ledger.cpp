// ledger.cpp: sums over the books (see ledger.h).
#include "sim/ledger.h"

namespace orgsim {

const char* AccountKey(Account a) {
    static const char* const kKeys[kAccountCount] = {
        "revenue", "it_salaries", "contractors", "it_licences", "security", "marketing_budget", "shadow_subscriptions",
        "other_operating", "ops_savings", "incidents", "replacement", "governance", "bridge_roles"};
    return kKeys[static_cast<int>(a)];
}

double Ledger::Costs(int w) const {
    double c = 0.0;
    for (int a = 1; a < kAccountCount; ++a) c += rows_[static_cast<std::size_t>(w)][static_cast<std::size_t>(a)];
    return c;
}

double Ledger::ItSpend(int w) const {
    return At(w, Account::ItSalaries) + At(w, Account::Contractors) + At(w, Account::ItLicences) + At(w, Account::Security);
}

double Ledger::Trailing(Account a, int n) const {
    double s = 0.0;
    const int end = Weeks();
    for (int w = end - n > 0 ? end - n : 0; w < end; ++w) s += At(w, a);
    return s;
}

void Ledger::CloseWeek() {
    const int w = Weeks() - 1;
    net_.push_back(At(w, Account::Revenue) - Costs(w));
}

double Ledger::ProfitLastYear() const {
    const int end = static_cast<int>(net_.size());
    const int begin = end - 52 > 0 ? end - 52 : 0;
    double p = 0.0;
    for (int w = begin; w < end; ++w) p += net_[static_cast<std::size_t>(w)];
    const int n = end - begin;
    return n > 0 ? p * 52.0 / n : 0.0;
}

}  // namespace orgsim

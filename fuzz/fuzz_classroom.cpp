// fuzz_classroom.cpp: libFuzzer target for the classroom's readers of outside input (web/classroom.h):
// an assignment file or link from an instructor, and a student's result code or file handed in for a
// debrief (up to 200 of them, from anyone). The input is tried (1) as an assignment file, (2) as the
// bytes of an assignment link ("assign=" + base64url(input)), (3) as a result code or submission file,
// and (4) as the bytes of a result code ("OSC1-" + base64url(input)). Properties: clean answers
// (a result exactly when no problem, each problem with where and what); an accepted assignment writes
// back to the same file and link and keeps its fingerprint; an accepted code encodes back to itself.
// Re-simulating is not fuzzed here (the engine is the unit tests' and the other targets' concern).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.h"
#include "web/classroom.h"
#include "web/persist.h"

using namespace orgsim;

namespace {
void CheckAssignment(const ui::AssignmentResult& r) {
    fuzz::CheckClean(r.ok(), r.problems);
    if (!r.ok()) return;
    const std::string text = ui::WriteAssignment(*r.assignment);
    const ui::AssignmentResult again = ui::ReadAssignment(text);
    ORGSIM_FUZZ_CHECK(again.ok() && *again.assignment == *r.assignment, again.Report());
    ORGSIM_FUZZ_CHECK(ui::WriteAssignment(*again.assignment) == text, text);
    ORGSIM_FUZZ_CHECK(ui::AssignmentFingerprint(*again.assignment) == ui::AssignmentFingerprint(*r.assignment), text);
    const ui::AssignmentResult linked = ui::DecodeAssignmentFragment(ui::EncodeAssignmentFragment(*r.assignment));
    ORGSIM_FUZZ_CHECK(linked.ok() && *linked.assignment == *r.assignment, linked.Report());
}

void CheckCode(const ui::CodeResult& r) {
    ORGSIM_FUZZ_CHECK(r.submission.has_value() == r.error.empty(), r.error);
    if (!r.submission) return;
    const std::string code = ui::EncodeResultCode(*r.submission);
    const ui::CodeResult again = ui::DecodeResultCode(code);
    ORGSIM_FUZZ_CHECK(again.submission.has_value(), again.error + "\n" + code);
    ORGSIM_FUZZ_CHECK(ui::EncodeResultCode(*again.submission) == code, code);
    ORGSIM_FUZZ_CHECK(code.size() < ui::kMaxCodeChars, code);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    CheckAssignment(ui::ReadAssignment(bytes));
    const std::string b64 = ui::Base64UrlEncode(bytes);
    CheckAssignment(ui::DecodeAssignmentFragment("assign=" + b64));
    CheckCode(ui::ReadSubmission(bytes));
    CheckCode(ui::DecodeResultCode("OSC1-" + b64));
    return 0;
}

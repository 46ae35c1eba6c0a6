// What model files say of their making.
//
// Reads: the environment variable SOURCE_DATE_EPOCH (reproducible builds). Adds: nothing.
// Guarantees: pure functions, safe from any thread.
#ifndef VESTNIK_CORE_PROVENANCE_H_
#define VESTNIK_CORE_PROVENANCE_H_

#include <string>

namespace vestnik {

// The date a trainer records in its model, YYYY-MM-DD in UTC: SOURCE_DATE_EPOCH when it is
// set, else today.
std::string TrainingDate();

}  // namespace vestnik

#endif  // VESTNIK_CORE_PROVENANCE_H_

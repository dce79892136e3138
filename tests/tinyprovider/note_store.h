// The tiny provider's "cloud": notes kept in one JSON file, so that the
// separate provider processes of separate terraform commands see the same
// objects. Written through a temporary file and a rename, under a lock, so
// a note is never half-written.
#ifndef TESTS_TINYPROVIDER_NOTE_STORE_H_
#define TESTS_TINYPROVIDER_NOTE_STORE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tiny {

struct StoredNote {
  std::string text;
  std::string kind;
  int64_t revision = 1;
  std::vector<std::string> tags;
};

class NoteStore {
 public:
  explicit NoteStore(std::string path) : path_(std::move(path)) {}

  absl::StatusOr<std::string> Create(const StoredNote& note);  // returns the new id
  absl::StatusOr<std::optional<StoredNote>> Get(const std::string& id);
  absl::Status Put(const std::string& id, const StoredNote& note);  // NotFound when absent
  absl::Status Delete(const std::string& id);                       // absent is fine

 private:
  struct Contents {
    int64_t next_id = 1;
    std::map<std::string, StoredNote> notes;
  };
  absl::StatusOr<Contents> Load() const;
  absl::Status Save(const Contents& c) const;

  std::string path_;
  std::mutex mu_;
};

}  // namespace tiny

#endif  // TESTS_TINYPROVIDER_NOTE_STORE_H_

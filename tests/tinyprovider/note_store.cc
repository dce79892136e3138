#include "tests/tinyprovider/note_store.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "tfplugin/cty/codec.h"

namespace tiny {

namespace {

using tfplugin::cty::Type;
using tfplugin::cty::Value;

Type NoteType() {
  return Type::Object({{"text", Type::String()},
                       {"kind", Type::String()},
                       {"revision", Type::Number()},
                       {"tags", Type::List(Type::String())}});
}

Type FileType() { return Type::Object({{"next_id", Type::Number()}, {"notes", Type::Map(NoteType())}}); }

}  // namespace

absl::StatusOr<NoteStore::Contents> NoteStore::Load() const {
  Contents c;
  std::ifstream in(path_);
  if (!in) return c;  // no file yet: no notes
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().empty()) return c;
  absl::StatusOr<Value> v = tfplugin::cty::DecodeJson(text.str(), FileType());
  if (!v.ok()) return absl::DataLossError("the note store " + path_ + " is damaged: " +
                                          std::string(v.status().message()));
  c.next_id = v->Attr("next_id").AsNumber().ToInt64().value_or(1);
  for (const auto& [id, n] : v->Attr("notes").Entries()) {
    StoredNote note;
    note.text = n.Attr("text").AsString();
    note.kind = n.Attr("kind").AsString();
    note.revision = n.Attr("revision").AsNumber().ToInt64().value_or(1);
    for (const Value& t : n.Attr("tags").Elements()) note.tags.push_back(t.AsString());
    c.notes.emplace(id, std::move(note));
  }
  return c;
}

absl::Status NoteStore::Save(const Contents& c) const {
  std::map<std::string, Value> notes;
  for (const auto& [id, n] : c.notes) {
    std::vector<Value> tags;
    for (const std::string& t : n.tags) tags.push_back(Value::String(t));
    notes.emplace(id, Value::Object({{"text", Value::String(n.text)},
                                     {"kind", Value::String(n.kind)},
                                     {"revision", Value::Int(n.revision)},
                                     {"tags", Value::List(std::move(tags))}}));
  }
  absl::StatusOr<std::string> json = tfplugin::cty::EncodeJson(
      Value::Object({{"next_id", Value::Int(c.next_id)}, {"notes", Value::Map(std::move(notes))}}),
      FileType());
  if (!json.ok()) return json.status();
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << *json;
    if (!out) return absl::UnavailableError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) {
    return absl::UnavailableError("cannot replace " + path_);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> NoteStore::Create(const StoredNote& note) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StatusOr<Contents> c = Load();
  if (!c.ok()) return c.status();
  const std::string id = "note-" + std::to_string(c->next_id++);
  c->notes[id] = note;
  absl::Status s = Save(*c);
  if (!s.ok()) return s;
  return id;
}

absl::StatusOr<std::optional<StoredNote>> NoteStore::Get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StatusOr<Contents> c = Load();
  if (!c.ok()) return c.status();
  auto it = c->notes.find(id);
  if (it == c->notes.end()) return std::optional<StoredNote>();
  return std::optional<StoredNote>(it->second);
}

absl::Status NoteStore::Put(const std::string& id, const StoredNote& note) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StatusOr<Contents> c = Load();
  if (!c.ok()) return c.status();
  auto it = c->notes.find(id);
  if (it == c->notes.end()) return absl::NotFoundError("no note " + id);
  it->second = note;
  return Save(*c);
}

absl::Status NoteStore::Delete(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StatusOr<Contents> c = Load();
  if (!c.ok()) return c.status();
  if (c->notes.erase(id) == 0) return absl::OkStatus();
  return Save(*c);
}

}  // namespace tiny

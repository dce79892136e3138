#include "tests/tinyprovider/tiny_provider.h"

#include <cstdlib>
#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "tfplugin/cty/codec.h"
#include "absl/strings/str_split.h"
#include "tests/tinyprovider/note_store.h"
#include "tfplugin/framework/framework.h"

namespace tiny {

namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

// The store the provider opened at Configure; resources share it.
using StoreSlot = std::shared_ptr<std::shared_ptr<NoteStore>>;

// --- tiny_note --------------------------------------------------------------

struct Note {
  fw::Maybe<std::string> id, text, kind;
  fw::Maybe<std::vector<std::string>> tags;
  fw::Maybe<int64_t> length, revision;
};

fw::Object<Note> NoteObject() {
  return fw::Object<Note>()
      .Add(fw::Attr("id", &Note::id).Computed().Description("The note's id."))
      .Add(fw::Attr("text", &Note::text)
               .Required()
               .Description("The note itself; changed in place.")
               .Validate(fw::LengthBetween(1, 1000)))
      .Add(fw::Attr("kind", &Note::kind)
               .OptionalComputed()
               .Default("plain")
               .Description("What the note is.")
               .Validate(fw::OneOf({"plain", "todo", "idea"}))
               .Modify(fw::RequiresReplace()))
      .Add(fw::Attr("tags", &Note::tags)
               .Optional()
               .Description("Labels.")
               .Validate(fw::UniqueItems())
               .Validate(fw::Each(fw::Matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?",
                                              "lower-case letters, digits and inner '-'")))
               .Validate(fw::Each(fw::LengthBetween(1, 32))))
      .Add(fw::Attr("length", &Note::length)
               .Computed()
               .UnknownWhen({"text"})
               .Description("The text's length in characters."))
      .Add(fw::Attr("revision", &Note::revision)
               .Computed()
               .UnknownOnChange()
               .Description("Counts the note's updates, from 1."));
}

int64_t Characters(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void Fill(const std::string& id, const StoredNote& stored, Note& n) {
  n.id = id;
  n.text = stored.text;
  n.kind = stored.kind;
  n.length = Characters(stored.text);
  n.revision = stored.revision;
  // Null and empty are the same "no tags"; keep what the state had.
  if (!(n.tags.is_null() && stored.tags.empty())) n.tags = stored.tags;
}

void StoreError(const absl::Status& s, Diagnostics& diags) {
  diags.AddError("Note store failed", std::string(s.message()));
}

class NoteResource final : public fw::Resource<Note> {
 public:
  // tiny_memo is the same object under another name; it takes tiny_note's
  // state through a `moved` block (MoveResourceState).
  NoteResource(StoreSlot store, std::string type_name, bool accepts_moves)
      : fw::Resource<Note>({.type_name = std::move(type_name),
                            .description = "A note kept in the provider's store.",
                            .needs_configuration = true,
                            .accepts_moved_state = accepts_moves},
                           NoteObject()),
        store_(std::move(store)) {}

 protected:
  void Create(const fw::Context&, const fw::Change<Note>& change, fw::NewState<Note>& out,
              Diagnostics& diags) override {
    StoredNote stored{change.planned.text.value, change.planned.kind.value, 1,
                      change.planned.tags.value_or({})};
    absl::StatusOr<std::string> id = Store().Create(stored);
    if (!id.ok()) return StoreError(id.status(), diags);
    Fill(*id, stored, out.state);
  }

  void ReadState(const fw::Context&, fw::NewState<Note>& out, Diagnostics& diags) override {
    auto stored = Store().Get(out.state.id.value);
    if (!stored.ok()) return StoreError(stored.status(), diags);
    if (!stored->has_value()) {
      out.gone = true;
      return;
    }
    Fill(out.state.id.value, **stored, out.state);
  }

  void Update(const fw::Context&, const fw::Change<Note>& change, fw::NewState<Note>& out,
              Diagnostics& diags) override {
    StoredNote stored{change.planned.text.value, change.planned.kind.value,
                      change.prior.revision.value_or(1) + 1, change.planned.tags.value_or({})};
    absl::Status s = Store().Put(change.prior.id.value, stored);
    if (!s.ok()) return StoreError(s, diags);
    Fill(change.prior.id.value, stored, out.state);
  }

  void Delete(const fw::Context&, const fw::Change<Note>& change, Diagnostics& diags) override {
    absl::Status s = Store().Delete(change.prior.id.value);
    if (!s.ok()) StoreError(s, diags);
  }

  void MoveFrom(const fw::Context&, const tfplugin::MoveStateRequest& req,
                fw::NewState<Note>& out, Diagnostics& diags) override {
    if (req.source_type_name != "tiny_note" ||
        !absl::EndsWith(req.source_provider_address, "/example/tiny")) {
      diags.AddError("Cannot move", "Only a tiny_note of this provider can become a " +
                                        type_name() + ".");
      return;
    }
    absl::StatusOr<tfplugin::cty::Value> v = tfplugin::cty::DecodeJson(
        req.source_state_json, fw::ImpliedType(*object().spec()));
    if (!v.ok()) {
      diags.AddError("Cannot move", "The tiny_note state could not be read: " +
                                        std::string(v.status().message()));
      return;
    }
    out.state = object().Decode(*v);
  }

  void ImportState(const fw::Context&, const std::string& id, fw::NewState<Note>& out,
                   Diagnostics& diags) override {
    auto stored = Store().Get(id);
    if (!stored.ok()) return StoreError(stored.status(), diags);
    if (!stored->has_value()) {
      diags.AddError("Cannot import", "There is no note " + fw::Quote(id) + " in the store.");
      return;
    }
    Fill(id, **stored, out.state);
  }

 private:
  NoteStore& Store() { return **store_; }
  StoreSlot store_;
};

// --- data "tiny_note" -------------------------------------------------------

struct NoteData {
  fw::Maybe<std::string> id, text, kind;
  fw::Maybe<int64_t> length;
};

fw::Object<NoteData> NoteDataObject() {
  return fw::Object<NoteData>()
      .Add(fw::Attr("id", &NoteData::id).Required().Description("The note to read."))
      .Add(fw::Attr("text", &NoteData::text).Computed().Description("The note itself."))
      .Add(fw::Attr("kind", &NoteData::kind).Computed().Description("What the note is."))
      .Add(fw::Attr("length", &NoteData::length).Computed().Description("The text's length."));
}

class NoteDataSource final : public fw::DataSource<NoteData> {
 public:
  explicit NoteDataSource(StoreSlot store)
      : fw::DataSource<NoteData>({.type_name = "tiny_note",
                                  .description = "Reads one note of the store by id.",
                                  .needs_configuration = true},
                                 NoteDataObject()),
        store_(std::move(store)) {}

 protected:
  void ReadData(const fw::Context&, const NoteData& config, NoteData& state,
                Diagnostics& diags) override {
    auto stored = (*store_)->Get(config.id.value);
    if (!stored.ok()) return StoreError(stored.status(), diags);
    if (!stored->has_value()) {
      diags.AddError("Note not found", "There is no note " + fw::Quote(config.id.value) + ".",
                     AttributePath::Root("id"));
      return;
    }
    state.text = (*stored)->text;
    state.kind = (*stored)->kind;
    state.length = Characters((*stored)->text);
  }

 private:
  StoreSlot store_;
};

// --- provider::tiny::word_count ---------------------------------------------

std::unique_ptr<fw::Function> WordCount() {
  tfplugin::FunctionSignature sig;
  sig.parameters.push_back({"text", tfplugin::cty::Type::String(), "Any text."});
  sig.return_type = tfplugin::cty::Type::Number();
  sig.summary = "Counts the words of a text";
  sig.description = "The number of runs of non-blank characters in `text`.";
  return std::make_unique<fw::Function>(
      "word_count", std::move(sig), [](const fw::Arguments& args, fw::Result& result) {
        std::vector<std::string> words =
            absl::StrSplit(args.String(0), absl::ByAnyChar(" \t\n\r"), absl::SkipEmpty());
        result = tfplugin::cty::Value::Int(static_cast<int64_t>(words.size()));
      });
}

// --- the provider -----------------------------------------------------------

struct Config {
  fw::Maybe<std::string> store;
};

fw::Object<Config> ConfigObject() {
  return fw::Object<Config>().Add(
      fw::Attr("store", &Config::store)
          .Optional()
          .Description("Path of the JSON file holding the notes; defaults to `TINY_STORE`.")
          .Validate(fw::LengthBetween(1, 4096, fw::Count::kBytes)));
}

class TinyProvider final : public fw::Provider<Config> {
 public:
  explicit TinyProvider(EnvLookup env)
      : fw::Provider<Config>({.name = "tiny",
                              .description = "Notes in a local JSON file.",
                              .configure_hint = "Set `store` or the TINY_STORE environment variable."},
                             ConfigObject()),
        env_(std::move(env)),
        store_(std::make_shared<std::shared_ptr<NoteStore>>()) {
    AddResource(std::make_unique<NoteResource>(store_, "tiny_note", false));
    AddResource(std::make_unique<NoteResource>(store_, "tiny_memo", true));
    AddDataSource(std::make_unique<NoteDataSource>(store_));
    AddFunction(WordCount());
  }

 protected:
  bool ConfigureHook(const fw::Context&, const Config& config, const std::string&,
                     Diagnostics& diags) override {
    if (config.store.is_unknown()) return false;  // known at apply
    std::string path = config.store.value_or("");
    if (path.empty()) path = env_("TINY_STORE").value_or("");
    if (path.empty()) {
      diags.AddError("No note store", "Set `store` in the provider block or TINY_STORE.",
                     AttributePath::Root("store"));
      return false;
    }
    *store_ = std::make_shared<NoteStore>(path);
    return true;
  }

 private:
  EnvLookup env_;
  StoreSlot store_;
};

}  // namespace

std::unique_ptr<tfplugin::Provider> NewTinyProvider(EnvLookup env) {
  return std::make_unique<TinyProvider>(std::move(env));
}

std::unique_ptr<tfplugin::Provider> NewTinyProvider() {
  return NewTinyProvider([](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  });
}

}  // namespace tiny

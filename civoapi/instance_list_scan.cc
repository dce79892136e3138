#include "civoapi/instance_list_scan.h"

#include <cstdlib>
#include <string_view>

#include "civoapi/errors.h"
#include "civoapi/models_json.h"
#include "rapidjson/document.h"
#include "rapidjson/reader.h"

namespace civoapi {

namespace {

// SAX events of the page, tracked by depth (open containers). Items are the
// objects directly inside the items array; an item's own "id" is the string
// value of that key at the item's top level.
class PageScanner : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PageScanner> {
 public:
  PageScanner(const std::string& body, const rapidjson::StringStream& in, const std::set<std::string>& wanted)
      : body_(body), in_(in), wanted_(wanted) {}

  bool StartObject() { return Open(false); }
  bool StartArray() { return Open(true); }
  bool EndObject(rapidjson::SizeType) {
    if (depth_ == item_depth_) {
      if (wanted_.count(item_id_) != 0) {
        rapidjson::Document one;
        one.Parse(body_.data() + item_start_, in_.Tell() - item_start_);
        if (one.HasParseError()) return false;
        page_.wanted.emplace(item_id_, ParseInstance(one));
      }
      item_depth_ = 0;
    }
    return Close();
  }
  bool EndArray(rapidjson::SizeType) {
    if (depth_ == items_depth_) items_seen_ = true;
    return Close();
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1 && !top_is_array_) top_key_.assign(s, n);
    if (depth_ == item_depth_ && item_depth_ != 0) id_next_ = std::string_view(s, n) == "id";
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == item_depth_ && item_depth_ != 0 && id_next_) item_id_.assign(s, n);
    if (depth_ == 1 && top_key_ == "pages") pages_ = std::atoi(std::string(s, n).c_str());
    return Scalar();
  }
  bool Int(int v) { return Number(v); }
  bool Uint(unsigned v) { return Number(static_cast<double>(v)); }
  bool Int64(int64_t v) { return Number(static_cast<double>(v)); }
  bool Uint64(uint64_t v) { return Number(static_cast<double>(v)); }
  bool Double(double v) { return Number(v); }
  bool Default() { return Scalar(); }

  bool items_seen() const { return items_seen_; }
  InstanceListPage Take() {
    page_.pages = pages_ > 0 ? pages_ : 1;
    return std::move(page_);
  }

 private:
  bool Open(bool array) {
    if (depth_ == 0) top_is_array_ = array;
    if (array && items_depth_ == 0 &&
        ((depth_ == 0) || (depth_ == 1 && !top_is_array_ && top_key_ == "items"))) {
      items_depth_ = depth_ + 1;
    } else if (!array && items_depth_ != 0 && depth_ == items_depth_) {
      item_depth_ = depth_ + 1;
      item_start_ = in_.Tell() - 1;  // the reader has just taken the '{'
      item_id_.clear();
    }
    ++depth_;
    id_next_ = false;
    return true;
  }
  bool Close() {
    --depth_;
    id_next_ = false;
    return true;
  }
  bool Number(double v) {
    if (depth_ == 1 && top_key_ == "pages") pages_ = static_cast<int>(v);
    return Scalar();
  }
  bool Scalar() {
    id_next_ = false;
    return true;
  }

  const std::string& body_;
  const rapidjson::StringStream& in_;
  const std::set<std::string>& wanted_;
  InstanceListPage page_;
  int depth_ = 0;
  bool top_is_array_ = false;
  std::string top_key_;
  int pages_ = 0;
  int items_depth_ = 0;  // depth inside the items array; 0 until found
  bool items_seen_ = false;
  int item_depth_ = 0;   // depth inside the current item; 0 between items
  size_t item_start_ = 0;
  std::string item_id_;
  bool id_next_ = false;
};

}  // namespace

absl::StatusOr<InstanceListPage> ScanInstanceListPage(const std::string& body,
                                                      const std::set<std::string>& wanted) {
  rapidjson::StringStream in(body.c_str());
  PageScanner scanner(body, in, wanted);
  rapidjson::Reader reader;
  const bool parsed = !reader.Parse(in, scanner).IsError();
  if (!parsed || !scanner.items_seen()) {
    return MakeApiError(ApiError{200, "unexpected_response", "expected a paginated instance list", "", false});
  }
  return scanner.Take();
}

}  // namespace civoapi

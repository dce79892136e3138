#include "tfplugin/framework/object.h"

#include "tfplugin/framework/text.h"

namespace tfplugin::fw::internal {

void AddDecodeError(const AttributePath& path, const cty::Value& v, Diagnostics& diags) {
  std::string shown;
  if (v.kind() == cty::Value::Kind::kNumber) {
    shown = Quote(v.AsNumber().ToString()) + " ";
  } else if (v.kind() == cty::Value::Kind::kString) {
    shown = Quote(v.AsString()) + " ";
  }
  diags.AddError("Invalid " + path.ToString(),
                 "The value " + shown + "of " + path.ToString() +
                     " cannot be used here" +
                     (v.kind() == cty::Value::Kind::kNumber ? ": it must be a whole number." : "."),
                 path);
}

}  // namespace tfplugin::fw::internal

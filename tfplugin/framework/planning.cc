// The generic planning rules, in this order (after terraform-plugin-framework's
// fwserver PlanResourceChange, with one deliberate difference noted below):
//   1. destroy: the plan is null;
//   2. the config's validators run again (errors only: warnings were shown at
//      validate), since values unknown at validate may be known now;
//   3. defaults fill attributes the config leaves null;
//   4. create: computed attributes the config leaves null become unknown;
//      update: they keep their prior values (Terraform's proposed state
//      already carries them) unless declared OnUpdate::kUnknownOnChange /
//      kUnknownWhen — the difference: hashicorp's framework makes every one
//      unknown on any change and UseStateForUnknown opts back out, which
//      makes plans noisy for the many outputs that never change;
//   5. each attribute's plan modifiers (requires-replace, use-state);
//   6. when something requires replacement, the computed values describe the
//      new object: unknown (or their default) again.
// The resource's ModifyPlan hook runs after this, on the typed model.
#include <utility>

#include "tfplugin/framework/spec.h"

namespace tfplugin::fw {

namespace {

using cty::Value;

bool IsObject(const Value& v) { return v.kind() == Value::Kind::kObject; }
bool IsList(const Value& v) { return v.kind() == Value::Kind::kList; }

const Value& ElementOr(const Value& list, size_t i) {
  static const Value* null = new Value();
  if (!IsList(list) || i >= list.Elements().size()) return *null;
  return list.Elements()[i];
}

// Applies `fn(nested_spec, config_elem, prior_elem, planned_elem, index)` to
// every element of a nested attribute's planned value, rebuilding it.
template <typename Fn>
Value MapNested(const AttrSpec& a, const Value& config, const Value& prior, const Value& planned,
                Fn fn) {
  if (a.nest == AttrSpec::Nest::kSingle) {
    if (!IsObject(planned)) return planned;
    return fn(*a.nested, config, prior, planned, -1);
  }
  if (!IsList(planned)) return planned;
  std::vector<Value> out;
  for (size_t i = 0; i < planned.Elements().size(); ++i) {
    const Value& e = planned.Elements()[i];
    out.push_back(IsObject(e) ? fn(*a.nested, ElementOr(config, i), ElementOr(prior, i), e,
                                   static_cast<int64_t>(i))
                              : e);
  }
  return Value::List(std::move(out));
}

Value ApplyDefaults(const ObjectSpec& spec, const Value& config, Value planned) {
  if (!IsObject(planned) || config.is_unknown()) return planned;
  for (const AttrSpec& a : spec.attributes) {
    const Value& c = config.Attr(a.name);
    if (a.default_value && c.is_null()) {
      planned = planned.WithAttr(a.name, *a.default_value);
    } else if (a.nested) {
      planned = planned.WithAttr(
          a.name, MapNested(a, c, Value(), planned.Attr(a.name),
                            [](const ObjectSpec& s, const Value& cf, const Value&, const Value& p,
                               int64_t) { return ApplyDefaults(s, cf, p); }));
    }
  }
  return planned;
}

// Computed attributes the config leaves null: unknown (create), or unknown
// or their default whatever the plan held (replacement).
Value MarkComputed(const ObjectSpec& spec, const Value& config, Value planned, bool replacing) {
  if (!IsObject(planned)) return planned;
  for (const AttrSpec& a : spec.attributes) {
    const Value& c = config.Attr(a.name);
    if (a.computed && c.is_null() && !config.is_unknown()) {
      if (replacing) {
        planned = planned.WithAttr(a.name, a.default_value ? *a.default_value : Value::Unknown());
        continue;
      }
      if (planned.Attr(a.name).is_null()) {
        planned = planned.WithAttr(a.name, Value::Unknown());
        continue;
      }
    }
    if (a.nested) {
      planned = planned.WithAttr(
          a.name, MapNested(a, c, Value(), planned.Attr(a.name),
                            [replacing](const ObjectSpec& s, const Value& cf, const Value&,
                                        const Value& p, int64_t) {
                              return MarkComputed(s, cf, p, replacing);
                            }));
    }
  }
  return planned;
}

Value RecomputeOnUpdate(const ObjectSpec& spec, const Value& config, const Value& prior,
                        Value planned) {
  if (!IsObject(planned) || !IsObject(prior) || planned == prior) return planned;
  const Value before = planned;
  for (const AttrSpec& a : spec.attributes) {
    const Value& c = config.Attr(a.name);
    if (a.computed && c.is_null() && !config.is_unknown()) {
      bool unknown = a.on_update == OnUpdate::kUnknownOnChange;
      if (a.on_update == OnUpdate::kUnknownWhen) {
        for (const std::string& w : a.watched) {
          if (!(before.Attr(w) == prior.Attr(w))) unknown = true;
        }
      }
      if (unknown) {
        planned = planned.WithAttr(a.name, Value::Unknown());
        continue;
      }
    }
    if (a.nested) {
      planned = planned.WithAttr(
          a.name, MapNested(a, c, prior.Attr(a.name), planned.Attr(a.name),
                            [](const ObjectSpec& s, const Value& cf, const Value& pr,
                               const Value& p, int64_t) { return RecomputeOnUpdate(s, cf, pr, p); }));
    }
  }
  return planned;
}

Value RunModifiers(const ObjectSpec& spec, const Value& config, const Value& prior, Value planned,
                   const AttributePath& path, bool create,
                   std::vector<AttributePath>* requires_replace, Diagnostics& diags) {
  if (!IsObject(planned)) return planned;
  for (const AttrSpec& a : spec.attributes) {
    const AttributePath p = path.Attr(a.name);
    AttributeChange change{p, config.Attr(a.name), prior.Attr(a.name), planned.Attr(a.name),
                           create};
    ModifierResult result{change.planned, false};
    for (const PlanModifierPtr& m : a.modifiers) {
      m->Modify(change, result, diags);
      change.planned = result.planned;
    }
    if (result.requires_replace) requires_replace->push_back(p);
    Value v = result.planned;
    if (a.nested) {
      v = MapNested(a, change.config, change.prior, v,
                    [&](const ObjectSpec& s, const Value& cf, const Value& pr, const Value& pl,
                        int64_t index) {
                      return RunModifiers(s, cf, pr, pl, index < 0 ? p : p.Index(index), create,
                                          requires_replace, diags);
                    });
    }
    planned = planned.WithAttr(a.name, std::move(v));
  }
  return planned;
}

}  // namespace

PlanResult PlanObject(const ObjectSpec& spec, const Value& prior, const Value& proposed,
                      const Value& config, Diagnostics& diags) {
  PlanResult out;
  if (proposed.is_null()) return out;  // destroy
  Diagnostics checks;
  ValidateObject(spec, config, AttributePath(), checks);
  for (const Diagnostic& d : checks.items()) {
    if (d.severity == Severity::kError) diags.Add(d);
  }
  out.planned = proposed;
  if (checks.HasError()) return out;

  const bool create = prior.is_null();
  Value planned = ApplyDefaults(spec, config, proposed);
  planned = create ? MarkComputed(spec, config, planned, /*replacing=*/false)
                   : RecomputeOnUpdate(spec, config, prior, planned);
  planned = RunModifiers(spec, config, prior, planned, AttributePath(), create,
                         &out.requires_replace, diags);
  if (!out.requires_replace.empty()) planned = MarkComputed(spec, config, planned, true);
  out.planned = std::move(planned);
  return out;
}

}  // namespace tfplugin::fw

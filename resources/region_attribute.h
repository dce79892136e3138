// The `region` attribute every Civo resource and data source has: optional
// (+computed on resources), any letter case, the provider's region by
// default; another region replaces the object, a change of letter case does
// not. Said once here so every kind documents and checks it alike.
#ifndef RESOURCES_REGION_ATTRIBUTE_H_
#define RESOURCES_REGION_ATTRIBUTE_H_

#include <string>

#include "resources/provider_context.h"
#include "tfplugin/framework/framework.h"

namespace resources {

// The validator: a Civo region code of at most kMaxRegionLength characters.
tfplugin::fw::ValidatorPtr RegionRules();
// The docs sentence.
std::string RegionDescription();
// Replaces the object (`object` names it in the docs: "network") unless only
// the letter case changed.
tfplugin::fw::PlanModifierPtr ReplaceUnlessOnlyCaseChanges(const std::string& object);

// The region to call: the configured one (upper case), else the provider's.
std::string RegionFor(const tfplugin::fw::Maybe<std::string>& region, const ApiSession& session);

// Plans `region` on create when the config leaves it unset: the provider's
// default region, when the provider knows it.
void PlanDefaultRegion(const tfplugin::fw::Maybe<std::string>& config, tfplugin::fw::Maybe<std::string>& planned,
                       const ApiSession& session);

}  // namespace resources

#endif  // RESOURCES_REGION_ATTRIBUTE_H_

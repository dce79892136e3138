// The whole framework layer in one include (see tfplugin/README.md).
#ifndef TFPLUGIN_FRAMEWORK_FRAMEWORK_H_
#define TFPLUGIN_FRAMEWORK_FRAMEWORK_H_

#include "tfplugin/framework/context.h"      // IWYU pragma: export
#include "tfplugin/framework/data_source.h"  // IWYU pragma: export
#include "tfplugin/framework/docs.h"         // IWYU pragma: export
#include "tfplugin/framework/function.h"     // IWYU pragma: export
#include "tfplugin/framework/maybe.h"        // IWYU pragma: export
#include "tfplugin/framework/object.h"       // IWYU pragma: export
#include "tfplugin/framework/plan_modifiers.h"  // IWYU pragma: export
#include "tfplugin/framework/private_state.h"  // IWYU pragma: export
#include "tfplugin/framework/provider.h"     // IWYU pragma: export
#include "tfplugin/framework/resource.h"     // IWYU pragma: export
#include "tfplugin/framework/text.h"         // IWYU pragma: export
#include "tfplugin/framework/validators.h"   // IWYU pragma: export

#endif  // TFPLUGIN_FRAMEWORK_FRAMEWORK_H_

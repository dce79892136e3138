// The gRPC core plugins a Terraform plugin server needs, and no others.
//
// Debian's static libgrpc (1.51) registers every built-in plugin from one
// function, grpc_core::BuildCoreConfiguration, in grpc_plugin_registry.cc.o.
// That list drags in xDS, RLS, grpclb, ring-hash, priority, weighted-target,
// outlier-detection, fault-injection and the fake resolver: 2.8 MB of code
// and data (1.7 MiB of it machine code) that a provider, a gRPC server on
// loopback answering Terraform, never runs. The kernel maps code in 64 KiB windows around each
// page it faults in, so code that merely sits between used code still counts
// in the provider's resident memory.
//
// Linking this object first defines BuildCoreConfiguration, so the linker
// never pulls grpc_plugin_registry.cc.o (or, through it, the plugins below)
// out of libgrpc.a. It calls the same registration functions in the same
// order as gRPC's own list, minus the load-balancing, xDS and test-only ones
// (gRPC's own build has switches, GRPC_NO_XDS and GRPC_NO_RLS, for part of
// this). What stays covers the server (HTTP/2, TLS handshakers, filters,
// resource quota) and plain client channels (pick_first, round_robin, DNS and
// sockaddr resolvers, HTTP CONNECT proxies), so a channel the process dials
// still works.
//
// libgrpc ships no internal headers, so the functions are bound by their
// mangled names; Builder stays opaque. StaticLink.cmake links this object
// only after checking that libgrpc.a's registry calls exactly the functions
// this file knows of (those below and those left out), so a different gRPC
// keeps its own full list instead of failing.
// Nothing else in the project may include or call anything here.

// A named namespace: declarations in an unnamed one would get internal linkage
// and never bind to libgrpc's symbols.
namespace tfplugin::grpc_link {

struct CoreBuilder;  // grpc_core::CoreConfiguration::Builder, never looked into
using RegisterFn = void(CoreBuilder*);

#define TFPLUGIN_GRPC_FN(local, mangled) extern RegisterFn local __asm__(mangled)

TFPLUGIN_GRPC_FN(RegisterEventEngineChannelArgPreconditioning,
                 "_ZN17grpc_event_engine12experimental44RegisterEventEngineChannelArgPreconditioningEPN9grpc_core17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterHttpConnectHandshaker,
                 "_ZN9grpc_core29RegisterHttpConnectHandshakerEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterTCPConnectHandshaker,
                 "_ZN9grpc_core28RegisterTCPConnectHandshakerEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterPickFirstLbPolicy,
                 "_ZN9grpc_core25RegisterPickFirstLbPolicyEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterRoundRobinLbPolicy,
                 "_ZN9grpc_core26RegisterRoundRobinLbPolicyEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(BuildClientChannelConfiguration,
                 "_ZN9grpc_core31BuildClientChannelConfigurationEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(SecurityRegisterHandshakerFactories,
                 "_ZN9grpc_core35SecurityRegisterHandshakerFactoriesEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterClientAuthorityFilter,
                 "_ZN9grpc_core29RegisterClientAuthorityFilterEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterChannelIdleFilters,
                 "_ZN9grpc_core26RegisterChannelIdleFiltersEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterHttpFilters,
                 "_ZN9grpc_core19RegisterHttpFiltersEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterDeadlineFilter,
                 "_ZN9grpc_core22RegisterDeadlineFilterEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterMessageSizeFilter,
                 "_ZN9grpc_core25RegisterMessageSizeFilterEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterServiceConfigChannelArgFilter,
                 "_ZN9grpc_core37RegisterServiceConfigChannelArgFilterEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterResourceQuota,
                 "_ZN9grpc_core21RegisterResourceQuotaEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterAresDnsResolver,
                 "_ZN9grpc_core23RegisterAresDnsResolverEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterNativeDnsResolver,
                 "_ZN9grpc_core25RegisterNativeDnsResolverEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterSockaddrResolver,
                 "_ZN9grpc_core24RegisterSockaddrResolverEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterHttpProxyMapper,
                 "_ZN9grpc_core23RegisterHttpProxyMapperEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterSecurityFilters,
                 "_ZN9grpc_core23RegisterSecurityFiltersEPNS_17CoreConfiguration7BuilderE");
TFPLUGIN_GRPC_FN(RegisterBuiltins,
                 "_ZN9grpc_core16RegisterBuiltinsEPNS_17CoreConfiguration7BuilderE");

#undef TFPLUGIN_GRPC_FN

// grpc_core::BuildCoreConfiguration(grpc_core::CoreConfiguration::Builder*)
extern RegisterFn BuildCoreConfiguration __asm__(
    "_ZN9grpc_core22BuildCoreConfigurationEPNS_17CoreConfiguration7BuilderE");

void BuildCoreConfiguration(CoreBuilder* builder) {
  // gRPC's order, so handshakers and filters stack exactly as they would.
  RegisterEventEngineChannelArgPreconditioning(builder);
  RegisterHttpConnectHandshaker(builder);
  RegisterTCPConnectHandshaker(builder);
  RegisterPickFirstLbPolicy(builder);
  RegisterRoundRobinLbPolicy(builder);
  BuildClientChannelConfiguration(builder);
  SecurityRegisterHandshakerFactories(builder);
  RegisterClientAuthorityFilter(builder);
  RegisterChannelIdleFilters(builder);
  RegisterHttpFilters(builder);
  RegisterDeadlineFilter(builder);
  RegisterMessageSizeFilter(builder);
  RegisterServiceConfigChannelArgFilter(builder);
  RegisterResourceQuota(builder);
  RegisterAresDnsResolver(builder);
  RegisterNativeDnsResolver(builder);
  RegisterSockaddrResolver(builder);
  RegisterHttpProxyMapper(builder);
  RegisterSecurityFilters(builder);
  RegisterBuiltins(builder);
}

}  // namespace tfplugin::grpc_link

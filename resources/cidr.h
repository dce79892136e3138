// CIDR blocks as Civo takes them: `10.0.0.0/24` (IPv4) and, for firewall
// rules, IPv6 blocks such as `::/0`. Plain loops, no regular expressions.
#ifndef RESOURCES_CIDR_H_
#define RESOURCES_CIDR_H_

#include <string_view>

namespace resources {

// a.b.c.d/n: four decimal octets 0-255 (no leading zeros) and a prefix 0-32.
bool IsIpv4Cidr(std::string_view s);
// An IPv6 address (hex groups, at most one `::`) and a prefix 0-128.
bool IsIpv6Cidr(std::string_view s);

}  // namespace resources

#endif  // RESOURCES_CIDR_H_

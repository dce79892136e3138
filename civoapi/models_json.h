// Mapping between the Civo API's JSON and the typed models of models.h.
#ifndef CIVOAPI_MODELS_JSON_H_
#define CIVOAPI_MODELS_JSON_H_

#include <string>

#include "civoapi/models.h"
#include "rapidjson/document.h"

namespace civoapi {

Instance ParseInstance(const rapidjson::Value& v);
Size ParseSize(const rapidjson::Value& v);
DiskImage ParseDiskImage(const rapidjson::Value& v);
Region ParseRegion(const rapidjson::Value& v);
Network ParseNetwork(const rapidjson::Value& v);
FirewallRule ParseFirewallRule(const rapidjson::Value& v);
Firewall ParseFirewall(const rapidjson::Value& v);
Volume ParseVolume(const rapidjson::Value& v);
ReservedIp ParseReservedIp(const rapidjson::Value& v);
SshKey ParseSshKey(const rapidjson::Value& v);
Quota ParseQuota(const rapidjson::Value& v);

// The POST /v2/instances body: tags joined with spaces, as Civo expects.
std::string CreateInstanceBody(const CreateInstanceRequest& req, const std::string& region);

// Civo returns `script` base64-encoded; older responses and other tools may
// return it as plain text. Decode only when the text is strict base64 whose
// payload is printable text, otherwise keep it unchanged.
std::string DecodeScript(const std::string& script);

}  // namespace civoapi

#endif  // CIVOAPI_MODELS_JSON_H_

#include "tests/support/tfplugin_test_client.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "absl/strings/str_split.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/handshake.h"
#include "tfplugin/tls.h"

namespace tfplugin_test {
namespace {

constexpr int kMaxMessageBytes = 256 << 20;

absl::StatusOr<std::string> Base64RawStdDecode(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else return absl::InvalidArgumentError("not raw standard base64 (padding or bad character)");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

absl::StatusOr<std::string> DerToPem(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr) return absl::InvalidArgumentError("certificate DER does not parse");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(n));
  BIO_free(bio);
  X509_free(cert);
  return pem;
}

}  // namespace

absl::StatusOr<ClientCert> NewClientCert() {
  absl::StatusOr<tfplugin::GeneratedCert> c = tfplugin::GenerateSelfSignedCert();
  if (!c.ok()) return c.status();
  return ClientCert{c->cert_pem, c->key_pem};
}

absl::StatusOr<Handshake> ParseHandshake(const std::string& line) {
  std::vector<std::string> parts = absl::StrSplit(line, '|');
  if (parts.size() != 6) return absl::InvalidArgumentError("handshake needs 6 fields: " + line);
  Handshake h;
  if (!absl::SimpleAtoi(parts[0], &h.core_version) ||
      !absl::SimpleAtoi(parts[1], &h.protocol_version)) {
    return absl::InvalidArgumentError("bad versions in handshake: " + line);
  }
  h.network = parts[2];
  h.address = parts[3];
  h.protocol = parts[4];
  if (!parts[5].empty()) {
    absl::StatusOr<std::string> der = Base64RawStdDecode(parts[5]);
    if (!der.ok()) return der.status();
    absl::StatusOr<std::string> pem = DerToPem(*der);
    if (!pem.ok()) return pem.status();
    h.server_cert_pem = *pem;
  }
  return h;
}

absl::StatusOr<std::unique_ptr<ProviderProcess>> ProviderProcess::Start(
    const LaunchOptions& options) {
  auto pp = std::unique_ptr<ProviderProcess>(new ProviderProcess());
  absl::StatusOr<ClientCert> cert = NewClientCert();
  if (!cert.ok()) return cert.status();
  pp->client_cert_ = *cert;

  // What Terraform's go-plugin client sets (it always passes its port range).
  std::map<std::string, std::optional<std::string>> env = {
      {tfplugin::kMagicCookieKey, std::string(tfplugin::kMagicCookieValue)},
      {"PLUGIN_PROTOCOL_VERSIONS", options.protocol_versions},
      {"PLUGIN_CLIENT_CERT", cert->cert_pem},
      {"PLUGIN_MIN_PORT", std::string("10000")},
      {"PLUGIN_MAX_PORT", std::string("25000")},
  };
  for (const auto& [k, v] : options.env) env[k] = v;
  std::vector<std::string> argv = {options.binary};
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  absl::StatusOr<std::unique_ptr<Subprocess>> proc = Subprocess::Start(argv, env);
  if (!proc.ok()) return proc.status();
  pp->process_ = *std::move(proc);
  return pp;
}

absl::Status ProviderProcess::CompleteHandshake(std::chrono::milliseconds timeout) {
  absl::StatusOr<std::string> line = process_->ReadLine(timeout);
  if (!line.ok()) {
    return absl::UnavailableError("no handshake line: " + std::string(line.status().message()) +
                                  "; stderr: " + process_->stderr_text());
  }
  absl::StatusOr<Handshake> hs = ParseHandshake(*line);
  if (!hs.ok()) return hs.status();
  if (hs->core_version != 1 || hs->protocol_version != 6 || hs->protocol != "grpc") {
    return absl::FailedPreconditionError("unexpected handshake: " + *line);
  }
  if (hs->server_cert_pem.empty()) {
    return absl::FailedPreconditionError("the plugin did not offer TLS: " + *line);
  }
  handshake_ = *hs;
  channel_ = Connect(Credentials(&client_cert_));
  provider_ = tfplugin6::Provider::NewStub(channel_);
  controller_ = plugin::GRPCController::NewStub(channel_);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ProviderProcess>> ProviderProcess::Launch(
    const LaunchOptions& options) {
  absl::StatusOr<std::unique_ptr<ProviderProcess>> pp = Start(options);
  if (!pp.ok()) return pp.status();
  absl::Status s = (*pp)->CompleteHandshake(options.handshake_timeout);
  if (!s.ok()) return s;
  return pp;
}

absl::StatusOr<std::vector<std::unique_ptr<ProviderProcess>>> ProviderProcess::LaunchMany(
    const LaunchOptions& options, int count) {
  std::vector<std::unique_ptr<ProviderProcess>> all;
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<std::unique_ptr<ProviderProcess>> pp = Start(options);
    if (!pp.ok()) return pp.status();
    all.push_back(*std::move(pp));
  }
  for (int i = 0; i < count; ++i) {
    absl::Status s = all[i]->CompleteHandshake(options.handshake_timeout);
    if (!s.ok()) {
      return absl::Status(s.code(), "process " + std::to_string(i) + ": " + std::string(s.message()));
    }
  }
  return all;
}

ProviderProcess::~ProviderProcess() {
  if (process_ && !process_->WaitForExit(std::chrono::milliseconds(0)).has_value()) {
    Shutdown(std::chrono::seconds(2));
  }
  // ~Subprocess kills whatever is left.
}

std::string ProviderProcess::target() const {
  if (handshake_.network == "unix") return "unix:" + handshake_.address;
  return "ipv4:" + handshake_.address;
}

std::shared_ptr<grpc::ChannelCredentials> ProviderProcess::Credentials(
    const ClientCert* client) const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = handshake_.server_cert_pem;
  if (client != nullptr) {
    ssl.pem_private_key = client->key_pem;
    ssl.pem_cert_chain = client->cert_pem;
  }
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> ProviderProcess::Connect(
    std::shared_ptr<grpc::ChannelCredentials> creds) const {
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  // A fresh connection per channel (refusal tests must not share one).
  args.SetInt("grpc.use_local_subchannel_pool", 1);
  return grpc::CreateCustomChannel(target(), creds, args);
}

std::optional<int> ProviderProcess::Shutdown(std::chrono::milliseconds timeout) {
  if (controller_) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + timeout);
    plugin::Empty req;
    plugin::Empty resp;
    controller_->Shutdown(&ctx, req, &resp);  // the process may exit before answering
  }
  return process_->WaitForExit(timeout);
}

// --- Values -----------------------------------------------------------------

namespace {
bool HasDynamic(const tfplugin::cty::Type& t) {
  using K = tfplugin::cty::Type::Kind;
  switch (t.kind()) {
    case K::kDynamic: return true;
    case K::kList: case K::kSet: case K::kMap: return HasDynamic(t.element());
    case K::kObject:
      for (const auto& [k, v] : t.attributes()) if (HasDynamic(v)) return true;
      return false;
    case K::kTuple:
      for (const auto& v : t.tuple_elements()) if (HasDynamic(v)) return true;
      return false;
    default: return false;
  }
}

absl::StatusOr<tfplugin::cty::Type> AttributeType(const tfplugin6::Schema::Attribute& a) {
  using tfplugin::cty::Type;
  if (!a.has_nested_type()) return Type::FromJson(a.type());
  std::map<std::string, Type> attrs;
  for (const auto& inner : a.nested_type().attributes()) {
    absl::StatusOr<Type> t = AttributeType(inner);
    if (!t.ok()) return t.status();
    attrs.emplace(inner.name(), *t);
  }
  Type object = Type::Object(std::move(attrs));
  switch (a.nested_type().nesting()) {
    case tfplugin6::Schema::Object::LIST: return Type::List(object);
    case tfplugin6::Schema::Object::SET: return Type::Set(object);
    case tfplugin6::Schema::Object::MAP: return Type::Map(object);
    default: return object;
  }
}
}  // namespace

absl::StatusOr<tfplugin::cty::Type> ImpliedType(const tfplugin6::Schema::Block& block) {
  using tfplugin::cty::Type;
  std::map<std::string, Type> attrs;
  for (const auto& a : block.attributes()) {
    absl::StatusOr<Type> t = AttributeType(a);
    if (!t.ok()) return t.status();
    attrs.emplace(a.name(), *t);
  }
  for (const auto& nb : block.block_types()) {
    absl::StatusOr<Type> inner = ImpliedType(nb.block());
    if (!inner.ok()) return inner.status();
    Type t;
    switch (nb.nesting()) {
      case tfplugin6::Schema::NestedBlock::LIST:
        t = HasDynamic(*inner) ? Type::Dynamic() : Type::List(*inner);
        break;
      case tfplugin6::Schema::NestedBlock::MAP:
        t = HasDynamic(*inner) ? Type::Dynamic() : Type::Map(*inner);
        break;
      case tfplugin6::Schema::NestedBlock::SET:
        t = Type::Set(*inner);
        break;
      default:
        t = *inner;
    }
    attrs.emplace(nb.type_name(), t);
  }
  return Type::Object(std::move(attrs));
}

absl::StatusOr<tfplugin6::DynamicValue> Encode(const tfplugin::cty::Value& value,
                                               const tfplugin::cty::Type& type) {
  absl::StatusOr<std::string> bytes = tfplugin::cty::EncodeMsgpack(value, type);
  if (!bytes.ok()) return bytes.status();
  tfplugin6::DynamicValue dv;
  dv.set_msgpack(*std::move(bytes));
  return dv;
}

absl::StatusOr<tfplugin::cty::Value> Decode(const tfplugin6::DynamicValue& dv,
                                            const tfplugin::cty::Type& type) {
  if (!dv.msgpack().empty()) return tfplugin::cty::DecodeMsgpack(dv.msgpack(), type);
  if (!dv.json().empty()) return tfplugin::cty::DecodeJson(dv.json(), type);
  return tfplugin::cty::Value::Null();
}

std::string DiagnosticsText(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& d) {
  std::string out;
  for (const auto& x : d) {
    out += x.severity() == tfplugin6::Diagnostic::ERROR     ? "ERROR "
           : x.severity() == tfplugin6::Diagnostic::WARNING ? "WARNING "
                                                             : "INVALID ";
    out += x.summary() + ": " + x.detail();
    if (x.has_attribute()) {
      out += " (at";
      for (const auto& s : x.attribute().steps()) {
        if (s.has_attribute_name()) out += " ." + s.attribute_name();
        if (s.has_element_key_string()) out += " [\"" + s.element_key_string() + "\"]";
        if (s.has_element_key_int()) out += " [" + std::to_string(s.element_key_int()) + "]";
      }
      out += ")";
    }
    out += "\n";
  }
  return out;
}

bool HasError(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& d) {
  for (const auto& x : d) {
    if (x.severity() != tfplugin6::Diagnostic::WARNING) return true;
  }
  return false;
}

}  // namespace tfplugin_test

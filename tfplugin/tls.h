// AutoMTLS pieces of the go-plugin handshake: the plugin's fresh self-signed
// certificate, and the check that a caller presents exactly the host's
// certificate (PLUGIN_CLIENT_CERT).
#ifndef TFPLUGIN_TLS_H_
#define TFPLUGIN_TLS_H_

#include <string>
#include <string_view>

#include <grpcpp/security/auth_metadata_processor.h>

#include "absl/status/statusor.h"

namespace tfplugin {

struct GeneratedCert {
  std::string cert_pem;
  std::string key_pem;
  std::string cert_der;
};

// A fresh ECDSA P-256 key and self-signed certificate as go-plugin makes
// them: CN and SAN DNS "localhost", CA, key usage digitalSignature,
// keyEncipherment, keyAgreement and certSign, extended key usage serverAuth
// and clientAuth, valid from 30 s ago for about 30 years.
absl::StatusOr<GeneratedCert> GenerateSelfSignedCert();

// The DER bytes of the first certificate in `pem`.
absl::StatusOr<std::string> CertPemToDer(std::string_view pem);

// Standard base64 without padding (Go's base64.RawStdEncoding).
std::string Base64RawStd(std::string_view bytes);

// Refuses every call (UNAUTHENTICATED) whose TLS peer certificate is not
// byte-for-byte `expected_der`. TLS verification already requires a chain to
// that certificate; this makes "exactly that certificate" explicit.
class ExactClientCertProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit ExactClientCertProcessor(std::string expected_der)
      : expected_der_(std::move(expected_der)) {}
  bool IsBlocking() const override { return false; }
  grpc::Status Process(const InputMetadata& auth_metadata, grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  std::string expected_der_;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_TLS_H_

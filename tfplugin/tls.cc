#include "tfplugin/tls.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"

#include "tfplugin/log.h"

namespace tfplugin {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, n > 0 ? static_cast<size_t>(n) : 0);
}

bool AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

absl::Status Fail(const char* what) {
  return absl::InternalError(std::string("generating the TLS certificate failed: ") + what);
}

// X509_set_pubkey would encode the key through OpenSSL 3.0's encoder
// machinery, about a millisecond at start-up; a P-256 SubjectPublicKeyInfo
// is only the two algorithm OIDs and the uncompressed point, set directly.
bool SetP256PublicKey(X509* cert, EVP_PKEY* key) {
  unsigned char point[65];
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &len) != 1 ||
      len != sizeof point || point[0] != 0x04) {
    return false;
  }
  X509_PUBKEY* pub = X509_get_X509_PUBKEY(cert);
  auto* encoded = static_cast<unsigned char*>(OPENSSL_memdup(point, len));
  if (pub == nullptr || encoded == nullptr) {
    OPENSSL_free(encoded);
    return false;
  }
  if (X509_PUBKEY_set0_param(pub, OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_OBJECT,
                             OBJ_nid2obj(NID_X9_62_prime256v1), encoded,
                             static_cast<int>(len)) != 1) {
    OPENSSL_free(encoded);
    return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<GeneratedCert> GenerateSelfSignedCert() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return Fail("key generation");

  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1) return Fail("X509_new");

  // A random 127-bit positive serial, like Go's rand.Int below 2^128.
  BnPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return Fail("serial");
  }
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), 262980L * 3600L) == nullptr) {
    return Fail("validity");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* host = reinterpret_cast<const unsigned char*>("localhost");
  const auto* org = reinterpret_cast<const unsigned char*>("terraform-plugin");
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, host, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1 || !SetP256PublicKey(cert.get(), key.get())) {
    return Fail("names");
  }
  if (!AddExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(cert.get(), NID_key_usage,
                    "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign") ||
      !AddExtension(cert.get(), NID_ext_key_usage, "clientAuth,serverAuth") ||
      !AddExtension(cert.get(), NID_subject_alt_name, "DNS:localhost") ||
      !AddExtension(cert.get(), NID_subject_key_identifier, "hash")) {
    return Fail("extensions");
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return Fail("signing");

  GeneratedCert out;
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return Fail("PEM encoding");
  }
  out.cert_pem = BioContents(cert_bio.get());
  out.key_pem = BioContents(key_bio.get());
  unsigned char* der = nullptr;
  int der_len = i2d_X509(cert.get(), &der);
  if (der_len <= 0) return Fail("DER encoding");
  out.cert_der.assign(reinterpret_cast<char*>(der), static_cast<size_t>(der_len));
  OPENSSL_free(der);
  return out;
}

namespace {

// True when `der` is exactly one DER SEQUENCE (what a certificate is): the
// length in its header accounts for every byte.
bool IsOneDerSequence(std::string_view der) {
  if (der.size() < 2 || static_cast<unsigned char>(der[0]) != 0x30) return false;
  size_t header = 2;
  size_t length = static_cast<unsigned char>(der[1]);
  if (length & 0x80) {
    const size_t bytes = length & 0x7f;
    if (bytes == 0 || bytes > 4 || der.size() < 2 + bytes) return false;
    length = 0;
    for (size_t i = 0; i < bytes; ++i) length = (length << 8) | static_cast<unsigned char>(der[2 + i]);
    header += bytes;
  }
  return header + length == der.size();
}

}  // namespace

// Why not PEM_read_bio_X509: OpenSSL 3.0 builds a decoder context for the
// public key of every certificate it parses, which costs about half a
// millisecond each time, and this runs at start-up and on every call (the
// exact-certificate check). The DER bytes are all that is needed, and PEM is
// their base64 between two marker lines.
absl::StatusOr<std::string> CertPemToDer(std::string_view pem) {
  static constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
  static constexpr std::string_view kEnd = "-----END CERTIFICATE-----";
  const size_t begin = pem.find(kBegin);
  const size_t end = begin == std::string_view::npos ? begin : pem.find(kEnd, begin);
  if (end == std::string_view::npos) return absl::InvalidArgumentError("not a PEM certificate");
  std::string body;
  for (char c : pem.substr(begin + kBegin.size(), end - begin - kBegin.size())) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) body.push_back(c);
  }
  std::string der;
  if (!absl::Base64Unescape(body, &der) || !IsOneDerSequence(der)) {
    return absl::InvalidArgumentError("not a PEM certificate");
  }
  return der;
}

std::string Base64RawStd(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = byte(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

grpc::Status ExactClientCertProcessor::Process(const InputMetadata&, grpc::AuthContext* context,
                                               OutputMetadata*, OutputMetadata*) {
  if (context != nullptr) {
    std::vector<grpc::string_ref> pems = context->FindPropertyValues("x509_pem_cert");
    if (pems.size() == 1) {
      absl::StatusOr<std::string> der = CertPemToDer(std::string_view(pems[0].data(), pems[0].size()));
      if (der.ok() && *der == expected_der_) return grpc::Status::OK;
    }
  }
  Log(LogLevel::kWarn, "tfplugin", "refused a call without the host's client certificate");
  return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "client certificate required");
}

}  // namespace tfplugin

// go-plugin launch pieces: protocol negotiation, handshake and reattach
// lines, base64, and the generated certificate.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "tfplugin/handshake.h"
#include "tfplugin/tls.h"

namespace {

TEST(Handshake, NegotiatesSix) {
  EXPECT_EQ(*tfplugin::NegotiateProtocolVersion("5,6"), 6);
  EXPECT_EQ(*tfplugin::NegotiateProtocolVersion("6"), 6);
  EXPECT_EQ(*tfplugin::NegotiateProtocolVersion(" 6 , 7"), 6);
  EXPECT_EQ(*tfplugin::NegotiateProtocolVersion(nullptr), 6);
  EXPECT_EQ(*tfplugin::NegotiateProtocolVersion(""), 6);
  EXPECT_FALSE(tfplugin::NegotiateProtocolVersion("5").ok());
  EXPECT_FALSE(tfplugin::NegotiateProtocolVersion("4,5,16").ok());
}

TEST(Handshake, Line) {
  EXPECT_EQ(tfplugin::HandshakeLine(6, "unix", "/tmp/plugin1", "QUJD"),
            "1|6|unix|/tmp/plugin1|grpc|QUJD");
  EXPECT_EQ(tfplugin::HandshakeLine(6, "tcp", "127.0.0.1:1234", ""),
            "1|6|tcp|127.0.0.1:1234|grpc|");
}

TEST(Handshake, ReattachJson) {
  EXPECT_EQ(tfplugin::ReattachJson({"registry.terraform.io/a/b", "registry.opentofu.org/a/b"}, 42,
                                   "unix", "/tmp/p"),
            "{\"registry.terraform.io/a/b\":{\"Protocol\":\"grpc\",\"ProtocolVersion\":6,"
            "\"Pid\":42,\"Test\":true,\"Addr\":{\"Network\":\"unix\",\"String\":\"/tmp/p\"}},"
            "\"registry.opentofu.org/a/b\":{\"Protocol\":\"grpc\",\"ProtocolVersion\":6,"
            "\"Pid\":42,\"Test\":true,\"Addr\":{\"Network\":\"unix\",\"String\":\"/tmp/p\"}}}");
}

// Whatever the directory is called, the value stays one valid JSON string.
TEST(Handshake, ReattachJsonEscapesThePath) {
  EXPECT_EQ(tfplugin::ReattachJson({"a/b"}, 1, "unix", "/tmp/we\"ird\\dir\n/p"),
            "{\"a/b\":{\"Protocol\":\"grpc\",\"ProtocolVersion\":6,\"Pid\":1,\"Test\":true,"
            "\"Addr\":{\"Network\":\"unix\",\"String\":\"/tmp/we\\\"ird\\\\dir\\u000a/p\"}}}");
}

TEST(Base64RawStd, NoPadding) {
  EXPECT_EQ(tfplugin::Base64RawStd(""), "");
  EXPECT_EQ(tfplugin::Base64RawStd("f"), "Zg");
  EXPECT_EQ(tfplugin::Base64RawStd("fo"), "Zm8");
  EXPECT_EQ(tfplugin::Base64RawStd("foo"), "Zm9v");
  EXPECT_EQ(tfplugin::Base64RawStd("foob"), "Zm9vYg");
  EXPECT_EQ(tfplugin::Base64RawStd(std::string("\xfb\xff", 2)), "+/8");
}

TEST(Certificate, SelfSignedLocalhostCaForServerAndClientAuth) {
  auto c = tfplugin::GenerateSelfSignedCert();
  ASSERT_TRUE(c.ok()) << c.status();
  auto der = tfplugin::CertPemToDer(c->cert_pem);
  ASSERT_TRUE(der.ok());
  EXPECT_EQ(*der, c->cert_der);
  const auto* p = reinterpret_cast<const unsigned char*>(c->cert_der.data());
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(c->cert_der.size()));
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(X509_check_host(x, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ca(x), 1);
  uint32_t xku = X509_get_extended_key_usage(x);
  EXPECT_TRUE(xku & XKU_SSL_SERVER);
  EXPECT_TRUE(xku & XKU_SSL_CLIENT);
  uint32_t ku = X509_get_key_usage(x);
  EXPECT_TRUE(ku & KU_DIGITAL_SIGNATURE);
  EXPECT_TRUE(ku & KU_KEY_CERT_SIGN);
  EXPECT_TRUE(ku & KU_KEY_ENCIPHERMENT);
  EXPECT_EQ(X509_check_issued(x, x), X509_V_OK);
  EVP_PKEY* key = X509_get0_pubkey(x);
  EXPECT_EQ(EVP_PKEY_get_base_id(key), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(key), 256);
  // The certificate carries the generated key's public half, and its
  // self-signature verifies with it.
  EXPECT_EQ(X509_verify(x, key), 1);
  {
    BIO* bio = BIO_new_mem_buf(c->key_pem.data(), static_cast<int>(c->key_pem.size()));
    EVP_PKEY* priv = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    ASSERT_NE(priv, nullptr);
    EXPECT_EQ(X509_check_private_key(x, priv), 1);
    EVP_PKEY_free(priv);
    BIO_free(bio);
  }
  EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(x)), 0);
  // Valid for decades, not hours.
  time_t in_20_years = time(nullptr) + 20L * 365 * 24 * 3600;
  EXPECT_GT(X509_cmp_time(X509_get0_notAfter(x), &in_20_years), 0);
  X509_free(x);
  auto other = tfplugin::GenerateSelfSignedCert();
  EXPECT_NE(other->cert_der, c->cert_der) << "each start makes a fresh certificate";
  EXPECT_FALSE(tfplugin::CertPemToDer("not a cert").ok());
  // A PEM frame around something that is not one DER sequence.
  EXPECT_FALSE(tfplugin::CertPemToDer("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").ok());
  EXPECT_FALSE(tfplugin::CertPemToDer("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n").ok());
  // Line breaks inside the base64 do not matter.
  std::string folded = c->cert_pem;
  size_t body = folded.find('\n') + 1;
  folded.insert(body + 10, "\n  ");
  auto refolded = tfplugin::CertPemToDer(folded);
  ASSERT_TRUE(refolded.ok());
  EXPECT_EQ(*refolded, c->cert_der);
}

}  // namespace

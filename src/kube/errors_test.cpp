#include "kube/errors.h"

#include <gtest/gtest.h>

namespace dl::kube {
namespace {

HttpResponse response(int status, std::string body, std::map<std::string, std::string> headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

TEST(Errors, StatusBodyIsReadWithCauses) {
  std::string body = R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
    "message":"ConfigMap \"x\" is invalid: data: Invalid value",
    "details":{"name":"x","causes":[{"reason":"FieldValueInvalid","message":"Invalid value","field":"data"}]}})";
  Error e = error_from_response(response(422, body), "POST", "/api/v1/namespaces/a/configmaps", "https://h", "token");
  EXPECT_EQ(e.kind, util::ErrorKind::invalid_input);
  EXPECT_EQ(e.code, 422);
  EXPECT_EQ(e.reason, "Invalid");
  ASSERT_EQ(e.causes.size(), 1u);
  EXPECT_EQ(e.causes[0].field, "data");
  EXPECT_EQ(e.causes[0].reason, "FieldValueInvalid");
  EXPECT_EQ(e.message, "POST /api/v1/namespaces/a/configmaps: ConfigMap \"x\" is invalid: data: Invalid value (422 Invalid)");
}

TEST(Errors, CodesMapToKinds) {
  struct Case {
    int code;
    util::ErrorKind kind;
  };
  for (auto c : {Case{400, util::ErrorKind::invalid_input}, Case{401, util::ErrorKind::unauthorized},
                 Case{403, util::ErrorKind::unauthorized}, Case{404, util::ErrorKind::not_found},
                 Case{409, util::ErrorKind::conflict}, Case{410, util::ErrorKind::conflict},
                 Case{422, util::ErrorKind::invalid_input}, Case{429, util::ErrorKind::internal},
                 Case{500, util::ErrorKind::internal}, Case{504, util::ErrorKind::timeout}}) {
    EXPECT_EQ(kind_for_code(c.code), c.kind) << c.code;
  }
  Error gone = error_from_response(response(410, ""), "GET", "/x", "https://h", "token");
  EXPECT_TRUE(gone.is_expired());
  Error exists = error_from_response(response(409, R"({"status":"Failure","reason":"AlreadyExists","message":"m"})"),
                                     "POST", "/x", "https://h", "token");
  EXPECT_TRUE(exists.is_already_exists());
  EXPECT_FALSE(exists.is_conflict());
}

TEST(Errors, NonStatusBodiesGetClientGoWording) {
  Error nf = error_from_response(response(404, "404 page not found"), "GET", "/x", "https://h", "token");
  EXPECT_EQ(nf.message, "GET /x: the server could not find the requested resource (404)");
  Error ise = error_from_response(response(500, "boom\n"), "GET", "/x", "https://h", "token");
  EXPECT_EQ(ise.message, "GET /x: an error on the server (\"boom\") has prevented the request from succeeding (500)");
}

TEST(Errors, UnauthorizedNamesCredentialAndServer) {
  Error e = error_from_response(
      response(401, R"({"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized","code":401})"),
      "GET", "/api", "https://127.0.0.1:6443", "token");
  EXPECT_EQ(e.message, "the API server refused the token (401) for https://127.0.0.1:6443: Unauthorized");
  EXPECT_EQ(e.kind, util::ErrorKind::unauthorized);
}

TEST(Errors, RetryAfterHeaderAndStatusDetails) {
  Error h = error_from_response(response(429, "", {{"retry-after", "3"}}), "GET", "/x", "https://h", "token");
  ASSERT_TRUE(h.retry_after_seconds.has_value());
  EXPECT_EQ(*h.retry_after_seconds, 3);
  Error date = error_from_response(response(503, "", {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}), "GET", "/x",
                                   "https://h", "token");
  EXPECT_FALSE(date.retry_after_seconds.has_value());
}

TEST(Errors, RedactRemovesEverySecretOccurrence) {
  EXPECT_EQ(redact("a tok b tok", "tok"), "a <redacted> b <redacted>");
  EXPECT_EQ(redact("unchanged", ""), "unchanged");
}

TEST(Errors, KubeResultConvertsToUtilResult) {
  KubeResult<int> bad = Error{util::ErrorKind::not_found, 404, "NotFound", "gone", {}, {}};
  auto u = to_util(bad);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().kind, util::ErrorKind::not_found);
  EXPECT_EQ(u.error().message, "gone");
  KubeResult<int> good = 7;
  EXPECT_EQ(*to_util(good), 7);
}

}  // namespace
}  // namespace dl::kube

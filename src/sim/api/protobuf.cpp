#include "sim/api/protobuf.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cctype>
#include <climits>
#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>

#include "sim/api/k8s.pb.h"
#include "util/base64.h"
#include "util/strings.h"

namespace dl::sim::api {
namespace {

namespace gp = google::protobuf;
using nlohmann::json;

constexpr std::string_view k_magic{"k8s\0", 4};

struct KindEntry {
  std::string_view api_version;
  std::string_view kind;
  const gp::Message* prototype;
};

const std::vector<KindEntry>& kind_table() {
  static const std::vector<KindEntry> table = {
      {"authentication.k8s.io/v1", "TokenRequest", &pb::TokenRequest::default_instance()},
      {"authorization.k8s.io/v1", "SelfSubjectAccessReview", &pb::SelfSubjectAccessReview::default_instance()},
      {"v1", "ConfigMap", &pb::ConfigMap::default_instance()},
      {"v1", "Namespace", &pb::Namespace::default_instance()},
      {"v1", "Pod", &pb::Pod::default_instance()},
      {"v1", "Secret", &pb::Secret::default_instance()},
      {"v1", "ServiceAccount", &pb::ServiceAccount::default_instance()},
  };
  return table;
}

const KindEntry* find_kind(std::string_view api_version, std::string_view kind) {
  for (const KindEntry& e : kind_table()) {
    if (e.api_version == api_version && e.kind == kind) {
      return &e;
    }
  }
  return nullptr;
}

util::Error invalid(std::string message) {
  return util::make_error(util::ErrorKind::invalid_input, std::move(message));
}

/// Length of the UTF-8 sequence introduced by `lead` (0 when `lead` cannot start one).
size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    return 2;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    return 4;
  }
  return 0;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = utf8_length(lead);
    if (n == 0 || i + n > s.size()) {
      return false;
    }
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) {
        return false;
      }
    }
    const auto second = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
    const bool overlong_or_surrogate = (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
                                       (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F);
    if (n > 1 && overlong_or_surrogate) {
      return false;
    }
    i += n;
  }
  return true;
}

/// RFC 3339 in UTC with second precision, as metav1.Time marshals.
std::string rfc3339(int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) {
    return "";
  }
  char buf[64];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

/// The zero value of a non-pointer Go field, which gogo writes and the JSON API omits.
bool is_zero(const json& v) {
  return v.is_null() || (v.is_boolean() && !v.get<bool>()) || (v.is_number() && v == 0) ||
         (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_object() && v.empty()) ||
         (v.is_array() && v.empty());
}

/// Converts decoded messages to JSON by reflection, following the Go field shapes that
/// k8s.proto records as options. Remembers the first string that is not UTF-8.
class JsonWriter {
 public:
  util::Result<json> convert(const gp::Message& msg) {
    json out = object(msg);
    if (m_error) {
      return invalid(*m_error);
    }
    return out;
  }

 private:
  json object(const gp::Message& msg) {
    std::vector<const gp::FieldDescriptor*> fields;
    msg.GetReflection()->ListFields(msg, &fields);
    json out = json::object();
    for (const gp::FieldDescriptor* f : fields) {
      add_field(out, msg, f);
    }
    return out;
  }

  void add_field(json& out, const gp::Message& msg, const gp::FieldDescriptor* f) {
    if (f->is_map()) {
      out[f->json_name()] = map_object(msg, f);
      return;
    }
    if (f->is_repeated()) {
      json items = json::array();
      const int n = msg.GetReflection()->FieldSize(msg, f);
      for (int i = 0; i < n; ++i) {
        items.push_back(value(msg, f, i));
      }
      out[f->json_name()] = std::move(items);
      return;
    }
    json v = value(msg, f, -1);
    if (f->options().GetExtension(pb::go_inline) && v.is_object()) {
      out.update(v);
      return;
    }
    if (!f->options().GetExtension(pb::go_pointer) && is_zero(v)) {
      return;
    }
    out[f->json_name()] = std::move(v);
  }

  json map_object(const gp::Message& msg, const gp::FieldDescriptor* f) {
    const gp::FieldDescriptor* key = f->message_type()->map_key();
    const gp::FieldDescriptor* val = f->message_type()->map_value();
    json out = json::object();
    const int n = msg.GetReflection()->FieldSize(msg, f);
    for (int i = 0; i < n; ++i) {
      const gp::Message& entry = msg.GetReflection()->GetRepeatedMessage(msg, f, i);
      const json k = value(entry, key, -1);
      if (k.is_string()) {
        out[k.get<std::string>()] = value(entry, val, -1);
      }
    }
    return out;
  }

  /// The JSON for field `f` of `msg`: element `index` of a repeated field, or the singular
  /// value when `index` is -1.
  json value(const gp::Message& msg, const gp::FieldDescriptor* f, int index) {
    const gp::Reflection* r = msg.GetReflection();
    const bool rep = index >= 0;
    switch (f->cpp_type()) {
      case gp::FieldDescriptor::CPPTYPE_INT32:
        return rep ? r->GetRepeatedInt32(msg, f, index) : r->GetInt32(msg, f);
      case gp::FieldDescriptor::CPPTYPE_INT64:
        return rep ? r->GetRepeatedInt64(msg, f, index) : r->GetInt64(msg, f);
      case gp::FieldDescriptor::CPPTYPE_UINT32:
        return rep ? r->GetRepeatedUInt32(msg, f, index) : r->GetUInt32(msg, f);
      case gp::FieldDescriptor::CPPTYPE_UINT64:
        return rep ? r->GetRepeatedUInt64(msg, f, index) : r->GetUInt64(msg, f);
      case gp::FieldDescriptor::CPPTYPE_BOOL:
        return rep ? r->GetRepeatedBool(msg, f, index) : r->GetBool(msg, f);
      case gp::FieldDescriptor::CPPTYPE_STRING:
        return text(f, rep ? r->GetRepeatedString(msg, f, index) : r->GetString(msg, f));
      case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        return message(rep ? r->GetRepeatedMessage(msg, f, index) : r->GetMessage(msg, f));
      default:  // k8s.proto declares no enum or floating-point fields
        return nullptr;
    }
  }

  json message(const gp::Message& m) {
    const gp::Descriptor* d = m.GetDescriptor();
    if (d == pb::Time::descriptor()) {
      const auto& t = static_cast<const pb::Time&>(m);
      return t.seconds() == 0 && t.nanos() == 0 ? std::string() : rfc3339(t.seconds());
    }
    if (d == pb::Quantity::descriptor()) {
      return text(d->field(0), static_cast<const pb::Quantity&>(m).string());
    }
    return object(m);
  }

  json text(const gp::FieldDescriptor* f, const std::string& s) {
    if (f->type() == gp::FieldDescriptor::TYPE_BYTES) {
      return util::base64_encode(s);
    }
    if (!valid_utf8(s)) {
      if (!m_error) {
        m_error = "protobuf field " + f->full_name() + " is not valid UTF-8";
      }
      return std::string();
    }
    return s;
  }

  std::optional<std::string> m_error;
};

}  // namespace

bool is_protobuf_content_type(std::string_view content_type) {
  const std::string media = util::trim(content_type.substr(0, content_type.find(';')));
  if (media.size() != k_protobuf_media_type.size()) {
    return false;
  }
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != k_protobuf_media_type[i]) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> supported_protobuf_kinds() {
  std::vector<std::string> out;
  for (const KindEntry& e : kind_table()) {
    out.push_back(std::string(e.api_version) + " " + std::string(e.kind));
  }
  return out;
}

util::Result<nlohmann::json> decode_protobuf_object(std::string_view body) {
  if (body.substr(0, k_magic.size()) != k_magic) {
    return invalid("protobuf body does not start with the magic \"k8s\\x00\"");
  }
  const std::string_view rest = body.substr(k_magic.size());
  pb::Unknown envelope;
  if (rest.size() > static_cast<size_t>(INT_MAX) ||
      !envelope.ParseFromArray(rest.data(), static_cast<int>(rest.size()))) {
    return invalid("malformed protobuf envelope (runtime.Unknown)");
  }
  if (!envelope.contentencoding().empty()) {
    return invalid("unsupported protobuf contentEncoding \"" + envelope.contentencoding() + "\"");
  }
  const std::string& api_version = envelope.typemeta().apiversion();
  const std::string& kind = envelope.typemeta().kind();
  const KindEntry* entry = find_kind(api_version, kind);
  if (entry == nullptr) {
    return invalid("unsupported protobuf kind \"" + kind + "\" (apiVersion \"" + api_version +
                   "\"); supported: " + util::join(supported_protobuf_kinds(), ", "));
  }
  std::unique_ptr<gp::Message> object(entry->prototype->New());
  if (!object->ParseFromString(envelope.raw())) {
    return invalid("malformed protobuf " + kind + " body");
  }
  auto converted = JsonWriter{}.convert(*object);
  if (!converted) {
    return converted.error();
  }
  json out = std::move(*converted);
  out["apiVersion"] = api_version;
  out["kind"] = kind;
  return out;
}

}  // namespace dl::sim::api

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "descriptor_set.h"

// lanyard.v1 only grows: everything in the released baseline (lanyard_v1.pb) is still in the
// current protos, with the same numbers and types. Additions are allowed.
namespace lanyard::proto_check {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;

// "int64", "repeated lanyard.v1.Delegate", ... : what a field carries on the wire.
std::string typeOf(const FieldDescriptor& field) {
  std::string type = field.is_repeated() ? "repeated " : "";
  if (field.message_type() != nullptr) return type + field.message_type()->full_name();
  if (field.enum_type() != nullptr) return type + field.enum_type()->full_name();
  return type + field.type_name();
}

class ProtoCompatTest : public ::testing::Test {
 protected:
  DescriptorSet m_baseline = loadDescriptorSet(LANYARD_V1_BASELINE);
  DescriptorSet m_current = loadDescriptorSet(LANYARD_V1_CURRENT);

  void expectEnumKept(const EnumDescriptor& released) const {
    const EnumDescriptor* now = m_current.pool->FindEnumTypeByName(released.full_name());
    ASSERT_NE(now, nullptr) << "enum " << released.full_name() << " was removed";
    for (int i = 0; i < released.value_count(); ++i) {
      const auto* value = now->FindValueByName(released.value(i)->name());
      ASSERT_NE(value, nullptr) << "enum value " << released.value(i)->full_name() << " was removed";
      EXPECT_EQ(value->number(), released.value(i)->number()) << value->full_name() << " was renumbered";
    }
  }

  void expectMessageKept(const Descriptor& released) const {
    const Descriptor* now = m_current.pool->FindMessageTypeByName(released.full_name());
    ASSERT_NE(now, nullptr) << "message " << released.full_name() << " was removed";
    for (int i = 0; i < released.field_count(); ++i) {
      const FieldDescriptor& was = *released.field(i);
      const FieldDescriptor* field = now->FindFieldByName(was.name());
      ASSERT_NE(field, nullptr) << "field " << was.full_name() << " was removed";
      EXPECT_EQ(field->number(), was.number()) << field->full_name() << " was renumbered";
      EXPECT_EQ(typeOf(*field), typeOf(was)) << field->full_name() << " was retyped";
    }
    for (int i = 0; i < released.nested_type_count(); ++i) expectMessageKept(*released.nested_type(i));
    for (int i = 0; i < released.enum_type_count(); ++i) expectEnumKept(*released.enum_type(i));
  }
};

TEST_F(ProtoCompatTest, TheBaselineIsLoaded) { ASSERT_GE(m_baseline.lanyardFiles.size(), 8U); }

TEST_F(ProtoCompatTest, NoMessageFieldOrEnumValueIsRemovedRenumberedOrRetyped) {
  for (const FileDescriptor* file : m_baseline.lanyardFiles) {
    for (int i = 0; i < file->message_type_count(); ++i) expectMessageKept(*file->message_type(i));
    for (int i = 0; i < file->enum_type_count(); ++i) expectEnumKept(*file->enum_type(i));
  }
}

TEST_F(ProtoCompatTest, NoServiceOrRpcIsRemovedOrChanged) {
  for (const FileDescriptor* file : m_baseline.lanyardFiles) {
    for (int s = 0; s < file->service_count(); ++s) {
      const auto& released = *file->service(s);
      const auto* now = m_current.pool->FindServiceByName(released.full_name());
      ASSERT_NE(now, nullptr) << "service " << released.full_name() << " was removed";
      for (int m = 0; m < released.method_count(); ++m) {
        const auto& was = *released.method(m);
        const auto* method = now->FindMethodByName(was.name());
        ASSERT_NE(method, nullptr) << "rpc " << was.full_name() << " was removed";
        EXPECT_EQ(method->input_type()->full_name(), was.input_type()->full_name()) << method->full_name();
        EXPECT_EQ(method->output_type()->full_name(), was.output_type()->full_name()) << method->full_name();
        EXPECT_EQ(method->client_streaming(), was.client_streaming()) << method->full_name();
        EXPECT_EQ(method->server_streaming(), was.server_streaming()) << method->full_name();
      }
    }
  }
}

}  // namespace
}  // namespace lanyard::proto_check

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "descriptor_set.h"

// The house rules of lanyard.v1, read from the current protos' descriptors (with their comments).
namespace lanyard::proto_check {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::SourceLocation;

class ProtoLintTest : public ::testing::Test {
 protected:
  DescriptorSet m_current = loadDescriptorSet(LANYARD_V1_CURRENT);

  void forEachMethod(const std::function<void(const MethodDescriptor&)>& visit) const {
    for (const FileDescriptor* file : m_current.lanyardFiles) {
      for (int s = 0; s < file->service_count(); ++s) {
        for (int m = 0; m < file->service(s)->method_count(); ++m) visit(*file->service(s)->method(m));
      }
    }
  }
};

// "CheckInOutcome" -> "CHECK_IN_OUTCOME".
std::string upperSnake(const std::string& camel) {
  std::string out;
  for (std::size_t i = 0; i < camel.size(); ++i) {
    const auto c = static_cast<unsigned char>(camel[i]);
    if (i > 0 && std::isupper(c) && !std::isupper(static_cast<unsigned char>(camel[i - 1]))) out += '_';
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}

template <typename D>
bool hasLeadingComment(const D& descriptor) {
  SourceLocation location;
  return descriptor.GetSourceLocation(&location) && !location.leading_comments.empty();
}

void forEachEnum(const FileDescriptor& file, const std::function<void(const EnumDescriptor&)>& visit) {
  const std::function<void(const Descriptor&)> inMessage = [&](const Descriptor& message) {
    for (int i = 0; i < message.enum_type_count(); ++i) visit(*message.enum_type(i));
    for (int i = 0; i < message.nested_type_count(); ++i) inMessage(*message.nested_type(i));
  };
  for (int i = 0; i < file.enum_type_count(); ++i) visit(*file.enum_type(i));
  for (int i = 0; i < file.message_type_count(); ++i) inMessage(*file.message_type(i));
}

TEST_F(ProtoLintTest, TheCurrentDescriptorsAreLoaded) { ASSERT_GE(m_current.lanyardFiles.size(), 8U); }

TEST_F(ProtoLintTest, EveryFileIsInPackageLanyardV1) {
  for (const FileDescriptor* file : m_current.lanyardFiles) EXPECT_EQ(file->package(), "lanyard.v1") << file->name();
}

TEST_F(ProtoLintTest, EveryServiceIsNamedSomethingService) {
  for (const FileDescriptor* file : m_current.lanyardFiles) {
    for (int i = 0; i < file->service_count(); ++i) {
      const std::string& name = file->service(i)->name();
      EXPECT_TRUE(name.size() > 7 && name.compare(name.size() - 7, 7, "Service") == 0)
          << file->name() << ": service " << name << " should end in Service";
    }
  }
}

TEST_F(ProtoLintTest, EveryRpcHasItsOwnRequestAndResponse) {
  std::map<std::string, int> uses;  // Message full name -> RPCs taking or returning it.
  forEachMethod([&](const MethodDescriptor& m) {
    ++uses[m.input_type()->full_name()];
    ++uses[m.output_type()->full_name()];
  });
  std::set<std::string> offenders;
  forEachMethod([&](const MethodDescriptor& m) {
    const std::string package = m.service()->file()->package() + ".";
    const bool own = m.input_type()->full_name() == package + m.name() + "Request" &&
                     m.output_type()->full_name() == package + m.name() + "Response" &&
                     uses[m.input_type()->full_name()] == 1 && uses[m.output_type()->full_name()] == 1;
    if (!own) offenders.insert(m.full_name());
  });
  EXPECT_TRUE(offenders.empty()) << "each needs its own <Rpc>Request and <Rpc>Response: "
                                 << ::testing::PrintToString(offenders);
}

// Shared types live in files without services (types.proto), so a client of one service does not
// compile in another's stubs, and no service's file depends on another's.
TEST_F(ProtoLintTest, NoServiceFileImportsAnotherServiceFile) {
  for (const FileDescriptor* file : m_current.lanyardFiles) {
    if (file->service_count() == 0) continue;
    for (int i = 0; i < file->dependency_count(); ++i) {
      EXPECT_EQ(file->dependency(i)->service_count(), 0)
          << file->name() << " imports " << file->dependency(i)->name() << ", which defines a service";
    }
  }
}

TEST_F(ProtoLintTest, EnumValuesArePrefixedWithTheEnumNameAndZeroIsUnspecified) {
  for (const FileDescriptor* file : m_current.lanyardFiles) {
    forEachEnum(*file, [&](const EnumDescriptor& e) {
      const std::string prefix = upperSnake(e.name()) + "_";
      EXPECT_EQ(e.value(0)->name(), prefix + "UNSPECIFIED") << e.full_name() << ": the first value";
      EXPECT_EQ(e.value(0)->number(), 0) << e.full_name() << ": the first value";
      for (int i = 0; i < e.value_count(); ++i) {
        EXPECT_EQ(e.value(i)->name().rfind(prefix, 0), 0U)
            << e.full_name() << ": " << e.value(i)->name() << " should begin with " << prefix;
      }
    });
  }
}

TEST_F(ProtoLintTest, EveryElementHasALeadingComment) {
  std::vector<std::string> uncommented;
  const auto check = [&](const auto& descriptor) {
    if (!hasLeadingComment(descriptor)) uncommented.push_back(descriptor.full_name());
  };
  const std::function<void(const Descriptor&)> inMessage = [&](const Descriptor& message) {
    check(message);
    for (int i = 0; i < message.field_count(); ++i) check(*message.field(i));
    for (int i = 0; i < message.nested_type_count(); ++i) inMessage(*message.nested_type(i));
  };
  for (const FileDescriptor* file : m_current.lanyardFiles) {
    for (int i = 0; i < file->message_type_count(); ++i) inMessage(*file->message_type(i));
    forEachEnum(*file, [&](const EnumDescriptor& e) {
      check(e);
      for (int i = 0; i < e.value_count(); ++i) check(*e.value(i));
    });
    for (int s = 0; s < file->service_count(); ++s) {
      check(*file->service(s));
      for (int m = 0; m < file->service(s)->method_count(); ++m) check(*file->service(s)->method(m));
    }
  }
  EXPECT_TRUE(uncommented.empty()) << "no leading comment: " << ::testing::PrintToString(uncommented);
}

TEST(UpperSnakeTest, SplitsWordsAtCapitals) {
  EXPECT_EQ(upperSnake("CheckInOutcome"), "CHECK_IN_OUTCOME");
  EXPECT_EQ(upperSnake("Role"), "ROLE");
}

}  // namespace
}  // namespace lanyard::proto_check

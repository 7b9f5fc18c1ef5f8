#include "domain/people/import/mapping.h"

#include <gtest/gtest.h>

namespace pairwise::domain::import {
namespace {

std::optional<ImportField> FieldOf(const ResolvedMapping& m, std::string_view header) {
  for (const ColumnMapping& c : m.columns) {
    if (c.header == header) return c.field;
  }
  ADD_FAILURE() << "no column " << header;
  return std::nullopt;
}

const std::vector<std::string> kStandard = {
    "employee_id", "first_name", "last_name", "email", "department",
    "site",        "time_zone",  "job_title", "level", "manager_employee_id",
    "hire_date",   "status",     "languages"};

TEST(Mapping, StandardHeadersMapToThemselves) {
  ResolvedMapping m = ResolveMapping(kStandard, {}, {});
  EXPECT_TRUE(m.issues.empty());
  EXPECT_TRUE(m.unmapped_headers.empty());
  EXPECT_TRUE(m.missing_fields.empty());
  for (std::size_t i = 0; i < kStandard.size(); ++i) {
    ASSERT_TRUE(m.columns[i].field);
    EXPECT_EQ(ImportFieldName(*m.columns[i].field), kStandard[i]);
    EXPECT_EQ(m.columns[i].source, MappingSource::kStandard);
    EXPECT_EQ(m.column_of[static_cast<std::size_t>(*m.columns[i].field)], static_cast<int>(i));
  }
}

TEST(Mapping, SuggestsFromHrisSynonyms) {
  const std::vector<std::string> headers = {
      "Employee Number",   "Legal First Name", "Surname",   "Work Email",       "Department",
      "Location",          "Job Title",        "Grade",     "Manager ID",       "Start Date",
      "Employment Status", "Time Zone",        "Languages", "Cost Center Owner"};
  ResolvedMapping m = ResolveMapping(headers, {}, {});
  EXPECT_TRUE(m.issues.empty());
  EXPECT_EQ(FieldOf(m, "Employee Number"), ImportField::kEmployeeId);
  EXPECT_EQ(FieldOf(m, "Legal First Name"), ImportField::kFirstName);
  EXPECT_EQ(FieldOf(m, "Surname"), ImportField::kLastName);
  EXPECT_EQ(FieldOf(m, "Work Email"), ImportField::kEmail);
  EXPECT_EQ(FieldOf(m, "Location"), ImportField::kSite);
  EXPECT_EQ(FieldOf(m, "Grade"), ImportField::kLevel);
  EXPECT_EQ(FieldOf(m, "Manager ID"), ImportField::kManagerEmployeeId);
  EXPECT_EQ(FieldOf(m, "Start Date"), ImportField::kHireDate);
  EXPECT_EQ(FieldOf(m, "Employment Status"), ImportField::kStatus);
  EXPECT_EQ(FieldOf(m, "Cost Center Owner"), std::nullopt);
  EXPECT_EQ(m.unmapped_headers, std::vector<std::string>{"Cost Center Owner"});
  EXPECT_EQ(m.columns[0].source, MappingSource::kSynonym);
}

TEST(Mapping, PrefersTheMoreSpecificSynonymWhateverTheOrder) {
  ResolvedMapping m = ResolveMapping(
      std::vector<std::string>{"Preferred Name", "Legal First Name", "Work Email", "Email"}, {},
      {});
  EXPECT_EQ(FieldOf(m, "Legal First Name"), ImportField::kFirstName);
  EXPECT_EQ(FieldOf(m, "Preferred Name"), std::nullopt);
  EXPECT_EQ(FieldOf(m, "Email"), ImportField::kEmail);  // the standard name first
  EXPECT_EQ(FieldOf(m, "Work Email"), std::nullopt);
}

TEST(Mapping, SavedChoicesWinOverSuggestionsAndOverridesOverSaved) {
  const std::vector<std::string> headers = {"Emp Ref", "Location", "Office Code"};
  const std::vector<SavedMappingEntry> saved = {
      {"emp ref", "employee_id"}, {"Office Code", "site"}, {"LOCATION", ""}};
  ResolvedMapping m = ResolveMapping(headers, saved, {});
  EXPECT_EQ(FieldOf(m, "Emp Ref"), ImportField::kEmployeeId);
  EXPECT_EQ(m.columns[0].source, MappingSource::kSaved);
  EXPECT_EQ(FieldOf(m, "Location"), std::nullopt);  // saved as ignored
  EXPECT_EQ(FieldOf(m, "Office Code"), ImportField::kSite);

  const std::vector<SavedMappingEntry> overrides = {{"Office Code", ""}, {"Location", "site"}};
  m = ResolveMapping(headers, saved, overrides);
  EXPECT_EQ(FieldOf(m, "Location"), ImportField::kSite);
  EXPECT_EQ(m.columns[1].source, MappingSource::kOverride);
  EXPECT_EQ(FieldOf(m, "Office Code"), std::nullopt);
}

TEST(Mapping, ReportsTwoExplicitColumnsForOneFieldAndUnknownFields) {
  const std::vector<std::string> headers = {"A", "B", "C"};
  ResolvedMapping m = ResolveMapping(
      headers, {}, std::vector<SavedMappingEntry>{{"A", "email"}, {"B", "email"}, {"C", "salary"}});
  ASSERT_GE(m.issues.size(), 2u);
  EXPECT_EQ(m.issues[0].code, "duplicate_mapping");
  EXPECT_EQ(m.issues[0].column, 1);
  EXPECT_EQ(m.issues[1].code, "unknown_field");
  EXPECT_EQ(m.issues[1].header, "C");
}

TEST(Mapping, ReportingAttributesByHeaderOrByChoice) {
  std::vector<std::string> headers = kStandard;
  headers.push_back("Attribute:Gender");
  headers.push_back("ERG");
  headers.push_back("Attribute:bad name");
  ResolvedMapping m = ResolveMapping(
      headers, std::vector<SavedMappingEntry>{{"ERG", "attribute:employee_network"}}, {});
  EXPECT_TRUE(m.issues.empty());
  const ColumnMapping& gender = m.columns[kStandard.size()];
  EXPECT_FALSE(gender.field);
  EXPECT_EQ(gender.attribute, "gender");
  EXPECT_EQ(gender.source, MappingSource::kStandard);
  EXPECT_EQ(ColumnFieldName(gender), "attribute:gender");
  EXPECT_EQ(m.columns[kStandard.size() + 1].attribute, "employee_network");
  EXPECT_EQ(m.columns[kStandard.size() + 1].source, MappingSource::kSaved);
  // A malformed name is no attribute: the column is left unmapped.
  EXPECT_EQ(m.unmapped_headers, std::vector<std::string>{"Attribute:bad name"});

  // Two columns for one attribute is a mapping issue.
  ResolvedMapping twice =
      ResolveMapping(std::vector<std::string>{"attribute:gender", "Sex"}, {},
                     std::vector<SavedMappingEntry>{{"Sex", "attribute:gender"}});
  ASSERT_FALSE(twice.issues.empty());
  EXPECT_EQ(twice.issues[0].code, "duplicate_mapping");
  EXPECT_EQ(twice.issues[0].field, "attribute:gender");

  EXPECT_EQ(ParseAttributeField("attribute:site_band_2"), "site_band_2");
  EXPECT_FALSE(ParseAttributeField("attribute:"));
  EXPECT_FALSE(ParseAttributeField("attribute:Gender"));
  EXPECT_FALSE(ParseAttributeField("attribute:" + std::string(41, 'a')));
  EXPECT_FALSE(ParseAttributeField("gender"));
  EXPECT_TRUE(NormalizeMapping(std::vector<SavedMappingEntry>{{"ERG", "attribute:erg"}}).ok());
  EXPECT_FALSE(NormalizeMapping(std::vector<SavedMappingEntry>{{"ERG", "attribute:E R G"}}).ok());
}

TEST(Mapping, ReportsEveryMissingRequiredColumn) {
  ResolvedMapping m = ResolveMapping(std::vector<std::string>{"employee_id", "email"}, {}, {});
  EXPECT_EQ(m.missing_fields, (std::vector<std::string>{"first_name", "last_name", "job_title",
                                                        "level", "hire_date"}));
  EXPECT_EQ(m.issues.size(), 5u);
  EXPECT_EQ(m.issues[0].code, "missing_column");
}

TEST(Mapping, NormalizeMappingChecksFieldsAndKeepsTheLastOfARepeatedHeader) {
  auto ok = NormalizeMapping(std::vector<SavedMappingEntry>{
      {"Work Email", "email"}, {"Grade", "level"}, {"work-email", ""}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, (std::vector<SavedMappingEntry>{{"work-email", ""}, {"Grade", "level"}}));
  auto bad = NormalizeMapping(std::vector<SavedMappingEntry>{{"Salary", "salary"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "mapping.Salary");
  EXPECT_FALSE(NormalizeMapping(std::vector<SavedMappingEntry>{{"--", "email"}}).ok());
}

TEST(Mapping, MergeReplacesByNormalizedHeader) {
  auto merged = MergeMapping(std::vector<SavedMappingEntry>{{"Grade", "level"}, {"X", ""}},
                             std::vector<SavedMappingEntry>{{"grade", ""}, {"Y", "site"}});
  EXPECT_EQ(merged, (std::vector<SavedMappingEntry>{{"grade", ""}, {"X", ""}, {"Y", "site"}}));
}

TEST(Mapping, FieldNamesRoundTrip) {
  for (ImportField f : kAllImportFields) EXPECT_EQ(ParseImportField(ImportFieldName(f)), f);
  EXPECT_EQ(ParseImportField("salary"), std::nullopt);
  EXPECT_EQ(NormalizeHeader(" Work E-mail (Primary) "), "workemailprimary");
}

}  // namespace
}  // namespace pairwise::domain::import

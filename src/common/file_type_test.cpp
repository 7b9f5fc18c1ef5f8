#include "common/file_type.h"

#include <gtest/gtest.h>

#include <string>

namespace pairwise {
namespace {

using namespace std::string_literals;

TEST(FileType, KnowsTypesByTheirBytes) {
  EXPECT_EQ(SniffFileType("%PDF-1.7\n...")->content_type, "application/pdf");
  EXPECT_EQ(SniffFileType("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s)->content_type, "image/png");
  EXPECT_EQ(SniffFileType("\xff\xd8\xff\xe0\0\x10JFIF"s)->content_type, "image/jpeg");
  EXPECT_EQ(SniffFileType("GIF89a\x01\0"s)->content_type, "image/gif");
  EXPECT_EQ(SniffFileType("RIFF\x24\0\0\0WEBPVP8 "s)->content_type, "image/webp");
  EXPECT_EQ(SniffFileType("PK\x03\x04....[Content_Types].xml....word/document.xml"s)->words,
            "a Word document");
}

TEST(FileType, RefusesEverythingElse) {
  EXPECT_FALSE(SniffFileType(""));
  EXPECT_FALSE(SniffFileType("<html><script>alert(1)</script></html>"));
  EXPECT_FALSE(SniffFileType("<?xml version=\"1.0\"?><svg onload=\"alert(1)\"/>"));
  EXPECT_FALSE(SniffFileType("Just some text."));
  EXPECT_FALSE(SniffFileType("MZ\x90\0"s));                // an executable
  EXPECT_FALSE(SniffFileType("PK\x03\x04 evil.js"s));      // another ZIP
  EXPECT_FALSE(SniffFileType("RIFF\x24\0\0\0WAVEfmt "s));  // audio, not WebP
  EXPECT_FALSE(SniffFileType(" %PDF-1.7"));                // not at the start
}

TEST(FileType, ExtensionMustFitTheBytes) {
  const FileType pdf = *SniffFileType("%PDF-1.4");
  const FileType jpeg = *SniffFileType("\xff\xd8\xff\xdb"s);
  EXPECT_TRUE(ExtensionFits("notes.pdf", pdf));
  EXPECT_TRUE(ExtensionFits("NOTES.PDF", pdf));
  EXPECT_TRUE(ExtensionFits("photo.jpeg", jpeg));
  EXPECT_TRUE(ExtensionFits("photo.JPG", jpeg));
  EXPECT_FALSE(ExtensionFits("photo.png", jpeg));
  EXPECT_FALSE(ExtensionFits("page.pdf.html", pdf));
  EXPECT_FALSE(ExtensionFits("pdf", pdf));
  EXPECT_FALSE(ExtensionFits("notes.", pdf));
}

}  // namespace
}  // namespace pairwise

//! The fixed parts of a .docx: content types, relationships, document properties, settings, the font table with
//! its fall-backs, the styles (GB/T 9704 roles as real Word styles), the footer with "— N —" and the 草稿 mark.

use std::fmt::Write as _;

use super::xml::{esc, fonts};

/// Namespace of the WordprocessingML main part.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Namespace of relationships inside a part.
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Title face (二号 title): 方正小标宋简体, as GB/T 9704 asks; Word falls back to 宋体.
pub const TITLE_FONT: (&str, &str) = ("方正小标宋简体", "宋体");
/// Body face (三号): 仿宋_GB2312, falling back to 仿宋 (Windows 7 and later ship 仿宋 only).
pub const BODY_FONT: (&str, &str) = ("仿宋_GB2312", "仿宋");
/// Level-1 headings (一、): 黑体.
pub const HEADING1_FONT: (&str, &str) = ("黑体", "SimHei");
/// Level-2 headings (（一）): 楷体_GB2312, falling back to 楷体.
pub const HEADING2_FONT: (&str, &str) = ("楷体_GB2312", "楷体");
/// Folios and table text that is not Chinese: digits and Latin letters.
pub const LATIN_FONT: &str = "Times New Roman";

/// The declaration every part starts with.
pub const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// `[Content_Types].xml`; the header part is listed only when there is a 草稿 mark.
pub fn content_types(has_header: bool) -> String {
    let mut out = format!(
        r#"{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/fontTable.xml", "fontTable+xml"),
        ("/word/footer1.xml", "footer+xml"),
    ] {
        write!(
            out,
            r#"<Override PartName="{part}" ContentType="{wml}.{kind}"/>"#
        )
        .ok();
    }
    if has_header {
        write!(
            out,
            r#"<Override PartName="/word/header1.xml" ContentType="{wml}.header+xml"/>"#
        )
        .ok();
    }
    out.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#);
    out
}

/// `_rels/.rels`: the main document and the two property parts.
pub fn package_rels() -> String {
    format!(
        r#"{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

/// Relationship id of the footer in `document.xml.rels`.
pub const FOOTER_RID: &str = "rId4";
/// Relationship id of the header holding the 草稿 mark.
pub const HEADER_RID: &str = "rId5";

/// `word/_rels/document.xml.rels`.
pub fn document_rels(has_header: bool) -> String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut out = format!(
        r#"{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{base}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{base}/settings" Target="settings.xml"/><Relationship Id="rId3" Type="{base}/fontTable" Target="fontTable.xml"/><Relationship Id="{FOOTER_RID}" Type="{base}/footer" Target="footer1.xml"/>"#
    );
    if has_header {
        write!(
            out,
            r#"<Relationship Id="{HEADER_RID}" Type="{base}/header" Target="header1.xml"/>"#
        )
        .ok();
    }
    out.push_str("</Relationships>");
    out
}

/// `docProps/core.xml`: title, author (the 推荐单位) and the fixed time as created and modified.
pub fn core_properties(title: &str, author: &str, time_w3c: &str) -> String {
    format!(
        r#"{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{time_w3c}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{time_w3c}</dcterms:modified></cp:coreProperties>"#,
        esc(title),
        esc(author),
        esc(author)
    )
}

/// `docProps/app.xml`: which program wrote the file.
pub fn app_properties() -> String {
    format!(
        r#"{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>lingjun {}</Application><DocSecurity>0</DocSecurity></Properties>"#,
        crate::VERSION
    )
}

/// `word/settings.xml`: Chinese punctuation compression, Word 2013+ compatibility, no revision ids (they would be
/// random and break reproducible bytes).
pub fn settings() -> String {
    format!(
        r#"{DECLARATION}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="579"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
    )
}

/// `word/fontTable.xml`: each 公文 face with the face Word uses when it is not installed (`w:altName`) and the
/// GB2312 character set (86), so WPS and Word on a Chinese PC pick the right family.
pub fn font_table() -> String {
    let mut out = format!(r#"{DECLARATION}<w:fonts xmlns:w="{W_NS}">"#);
    for (name, alt, family) in [
        (TITLE_FONT.0, TITLE_FONT.1, "script"),
        (BODY_FONT.0, BODY_FONT.1, "modern"),
        (HEADING1_FONT.0, HEADING1_FONT.1, "modern"),
        (HEADING2_FONT.0, HEADING2_FONT.1, "modern"),
        ("宋体", "SimSun", "auto"),
    ] {
        write!(
            out,
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>"#
        )
        .ok();
    }
    write!(
        out,
        r#"<w:font w:name="{LATIN_FONT}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
    )
    .ok();
    out
}

/// The report body's line pitch: 225 mm of text area over 22 lines (GB/T 9704-2012 5.2.2), in twips.
pub const LINE_PITCH_TWIPS: i32 = 579;
/// 三号 in half-points.
pub const BODY_HALF_PT: i32 = 32;

/// `word/styles.xml`: Normal (仿宋 三号 on the grid), Title, Heading 1/2 with outline levels (the navigation pane
/// lists the sections), the 附件 label, table text, header and footer.
pub fn styles() -> String {
    let body = fonts(BODY_FONT.0, LATIN_FONT);
    let title = fonts(TITLE_FONT.0, TITLE_FONT.0);
    let heading1 = fonts(HEADING1_FONT.0, LATIN_FONT);
    let heading2 = fonts(HEADING2_FONT.0, LATIN_FONT);
    let song = fonts("宋体", LATIN_FONT);
    let mut out = format!(
        r#"{DECLARATION}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:kern w:val="2"/><w:sz w:val="{BODY_HALF_PT}"/><w:szCs w:val="{BODY_HALF_PT}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    let style = |out: &mut String, id: &str, name: &str, extra: &str, ppr: &str, rpr: &str| {
        write!(
            out,
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{extra}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
        .ok();
    };
    let exact = format!(r#"<w:spacing w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/>"#);
    out.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>"#);
    out.push_str(&exact);
    out.push_str("</w:pPr></w:style>");
    style(
        &mut out,
        "Title",
        "Title",
        r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
        r#"<w:jc w:val="center"/><w:spacing w:before="289" w:after="289" w:line="700" w:lineRule="exact"/>"#,
        &format!(r#"{title}<w:sz w:val="44"/><w:szCs w:val="44"/>"#),
    );
    for (id, name, level, font) in [
        ("Heading1", "heading 1", 0, &heading1),
        ("Heading2", "heading 2", 1, &heading2),
    ] {
        style(
            &mut out,
            id,
            name,
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>"#,
            &format!(
                r#"<w:keepNext/><w:keepLines/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="{level}"/>"#
            ),
            &format!(
                r#"{font}<w:b w:val="0"/><w:sz w:val="{BODY_HALF_PT}"/><w:szCs w:val="{BODY_HALF_PT}"/>"#
            ),
        );
    }
    style(
        &mut out,
        "AttachmentLabel",
        "附件标识",
        r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#,
        r#"<w:jc w:val="left"/>"#,
        &heading1,
    );
    style(
        &mut out,
        "TableText",
        "表格文字",
        r#"<w:basedOn w:val="Normal"/>"#,
        r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>"#,
        r#"<w:sz w:val="28"/><w:szCs w:val="28"/>"#,
    );
    for (id, name) in [("Header", "header"), ("Footer", "footer")] {
        style(
            &mut out,
            id,
            name,
            r#"<w:basedOn w:val="Normal"/>"#,
            r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#,
            &format!(r#"{song}<w:sz w:val="28"/><w:szCs w:val="28"/>"#),
        );
    }
    out.push_str("</w:styles>");
    out
}

/// `word/footer1.xml`: "— N —" with a PAGE field, and the 定稿码 on a line below when there is one.
pub fn footer(footer_code: Option<&str>) -> String {
    let rpr = format!(r#"<w:rPr>{}</w:rPr>"#, fonts("宋体", LATIN_FONT));
    let mut out = format!(
        r#"{DECLARATION}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r><w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r></w:p>"#
    );
    if let Some(code) = footer_code {
        write!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:t xml:space="preserve">定稿码 {}</w:t></w:r></w:p>"#,
            esc(code)
        )
        .ok();
    }
    out.push_str("</w:ftr>");
    out
}

/// `word/header1.xml`: the 草稿 mark as Word draws its own watermarks (a VML text path behind the text,
/// light grey, turned 35° like the PDF's), so it is not part of the text a reader copies.
pub fn draft_mark_header() -> String {
    format!(
        r##"{DECLARATION}<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:180pt;rotation:325;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#e6e6e6" stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;黑体&quot;;font-size:1pt" string="草稿"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r></w:p></w:hdr>"##
    )
}

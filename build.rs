//! Build script: deflates the bundled fonts into OUT_DIR (src/fonts.rs inflates them at first use), writes which
//! characters of the Basic Multilingual Plane all of them draw (a 8 KB bitmap, so the window's check needs no
//! print font at start), and for a
//! Windows target embeds the icon, the version information (what Explorer shows under
//! Properties → Details) and the manifest (long paths, display scaling) in both programs, `lingjun.exe` and its
//! console twin `lingjun-cli.exe`. For every other target it does nothing.

const MANIFEST: &str = "assets/windows/lingjun.manifest";

/// The bundled fonts (fonts/), stored deflated in the program: 14.5 MB of CFF deflate to 10.6 MB.
const FONTS: [&str; 3] = [
    "NotoSansSC-Regular-subset.otf",
    "NotoSerifSC-Regular-subset.otf",
    "NotoSerifSC-Bold-subset.otf",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    deflate_fonts();
    write_coverage();
    println!("cargo:rerun-if-changed=assets/icon/lingjun.ico");
    println!("cargo:rerun-if-changed={MANIFEST}");
    // The target, not the host: a cross-build from Linux gets the resources too (with MinGW's windres).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    for (binary, description) in [
        ("lingjun", "领军 质量强国建设领军企业推荐材料编制工具"),
        ("lingjun-cli", "领军 命令行（在命令提示符中运行）"),
    ] {
        embed(binary, description);
    }
}

fn deflate_fonts() {
    let out_dir =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for font in FONTS {
        let source = format!("fonts/{font}");
        println!("cargo:rerun-if-changed={source}");
        let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
        // Level 9 gains 1 % over 6 and costs a few seconds here, once; inflating is equally fast for both.
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut encoder, &bytes).expect("deflating into memory");
        let deflated = encoder.finish().expect("deflating into memory");
        let target = out_dir.join(format!("{font}.deflate"));
        std::fs::write(&target, deflated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}

/// One bit per code point of the Basic Multilingual Plane, set when every bundled font has a glyph for it:
/// `fonts::Coverage` reads it as 1 024 little-endian u64 words (and its unit test checks it against the fonts).
fn write_coverage() {
    let out_dir =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let data: Vec<Vec<u8>> = FONTS
        .iter()
        .map(|font| {
            std::fs::read(format!("fonts/{font}"))
                .unwrap_or_else(|e| panic!("cannot read fonts/{font}: {e}"))
        })
        .collect();
    let faces: Vec<ttf_parser::Face<'_>> = data
        .iter()
        .zip(FONTS)
        .map(|(bytes, font)| {
            ttf_parser::Face::parse(bytes, 0).unwrap_or_else(|e| panic!("fonts/{font}: {e}"))
        })
        .collect();
    let mut words = vec![0_u64; 0x1_0000 / 64];
    for code_point in 0..0x1_0000_u32 {
        let drawable = char::from_u32(code_point)
            .is_some_and(|c| faces.iter().all(|face| face.glyph_index(c).is_some()));
        if drawable {
            words[(code_point / 64) as usize] |= 1 << (code_point % 64);
        }
    }
    let bytes: Vec<u8> = words.iter().flat_map(|word| word.to_le_bytes()).collect();
    let target = out_dir.join("coverage.bin");
    std::fs::write(&target, bytes)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}

fn embed(binary: &str, description: &str) {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/lingjun.ico")
        .set_manifest_file(MANIFEST)
        // 0x0804: Chinese (Simplified, PRC), the language of the strings below.
        .set_language(0x0804)
        .set("ProductName", "领军")
        // Windows shows the file description as the program's name (Task Manager, "Open with").
        .set("FileDescription", description)
        .set("CompanyName", "领军 lingjun")
        .set("LegalCopyright", "MIT License")
        .set("OriginalFilename", &format!("{binary}.exe"))
        .set("InternalName", binary)
        .set("FileVersion", &version)
        .set("ProductVersion", &version);
    if let Err(e) = resource.compile_for(binary) {
        panic!(
            "could not embed the icon, version information and manifest of {binary}.exe (windres from MinGW or \
             rc.exe from the Windows SDK is needed): {e}"
        );
    }
}

//! Build script: for a Windows target, embeds the icon and the version information in the .exe (what Explorer
//! shows under Properties → Details). For every other target it does nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/lingjun.ico");
    // The target, not the host: a cross-build from Linux gets the resources too (with MinGW's windres).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/lingjun.ico")
        // 0x0804: Chinese (Simplified, PRC), the language of the strings below.
        .set_language(0x0804)
        .set("ProductName", "领军")
        // Windows shows the file description as the program's name (Task Manager, "Open with").
        .set(
            "FileDescription",
            "领军 质量强国建设领军企业推荐材料编制工具",
        )
        .set("CompanyName", "领军 lingjun")
        .set("LegalCopyright", "MIT License")
        .set("OriginalFilename", "lingjun.exe")
        .set("InternalName", "lingjun")
        .set("FileVersion", &version)
        .set("ProductVersion", &version);
    if let Err(e) = resource.compile() {
        panic!(
            "could not embed the icon and version information (windres from MinGW or rc.exe from the Windows \
             SDK is needed): {e}"
        );
    }
}

//! The graphics the window draws with, tried in turn until one opens the window: a laptop in a virtual machine,
//! over Remote Desktop or with an old Intel driver often refuses the first choice (under Wine the default wgpu
//! choice fails with "Parent device is lost") while another one works. Each attempt runs `eframe` in this process;
//! the app is only lent to it, so a failed attempt leaves the drafts as they were for the next one.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use eframe::egui_wgpu::{WgpuConfiguration, WgpuSetup, WgpuSetupCreateNew};
use eframe::wgpu;

/// Names one renderer to start with (`dx12`, `vulkan`, `gl`, `glow`, `software`); the ones after it are still
/// tried if it fails. For the clerk's helpdesk (docs/manual.md) and for CI.
pub const VAR: &str = "LINGJUN_RENDERER";

/// One way of drawing the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// wgpu on Direct3D 12 (Windows only).
    WgpuDx12,
    WgpuVulkan,
    /// wgpu on OpenGL (WGL on Windows, EGL/GLX elsewhere).
    WgpuGl,
    /// eframe's own OpenGL painter (glow with glutin), without wgpu.
    Glow,
    /// wgpu on a software adapter: WARP on Windows, lavapipe/llvmpipe elsewhere.
    WgpuSoftware,
}

impl Renderer {
    /// Every renderer this platform has, in the order they are tried.
    pub fn all() -> &'static [Self] {
        if cfg!(windows) {
            &[
                Self::WgpuDx12,
                Self::WgpuVulkan,
                Self::WgpuGl,
                Self::Glow,
                Self::WgpuSoftware,
            ]
        } else {
            &[
                Self::WgpuVulkan,
                Self::WgpuGl,
                Self::Glow,
                Self::WgpuSoftware,
            ]
        }
    }

    /// The renderers to try: all of them, or from the one `LINGJUN_RENDERER` names onwards.
    pub fn order(requested: Option<&str>) -> Vec<Self> {
        let all = Self::all();
        let start = requested
            .and_then(|key| {
                let key = key.trim().to_ascii_lowercase();
                all.iter().position(|r| r.key() == key)
            })
            .unwrap_or(0);
        all[start..].to_vec()
    }

    /// The word `LINGJUN_RENDERER` uses for it.
    pub fn key(self) -> &'static str {
        match self {
            Self::WgpuDx12 => "dx12",
            Self::WgpuVulkan => "vulkan",
            Self::WgpuGl => "gl",
            Self::Glow => "glow",
            Self::WgpuSoftware => "software",
        }
    }

    /// The name shown in 关于 and in the failure message.
    pub fn name(self) -> &'static str {
        match self {
            Self::WgpuDx12 => "wgpu · Direct3D 12",
            Self::WgpuVulkan => "wgpu · Vulkan",
            Self::WgpuGl => "wgpu · OpenGL",
            Self::Glow => "OpenGL（glow）",
            Self::WgpuSoftware => "wgpu · 软件渲染（WARP / llvmpipe）",
        }
    }

    /// `base` set up to draw with this renderer.
    pub fn options(self, base: eframe::NativeOptions) -> eframe::NativeOptions {
        let backends = match self {
            Self::WgpuDx12 => wgpu::Backends::DX12,
            Self::WgpuVulkan => wgpu::Backends::VULKAN,
            Self::WgpuGl => wgpu::Backends::GL,
            Self::WgpuSoftware => {
                wgpu::Backends::DX12 | wgpu::Backends::VULKAN | wgpu::Backends::GL
            }
            Self::Glow => {
                return eframe::NativeOptions {
                    renderer: eframe::Renderer::Glow,
                    ..base
                };
            }
        };
        let mut setup = WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = backends;
        if self == Self::WgpuSoftware {
            setup.native_adapter_selector = Some(Arc::new(software_adapter));
        }
        eframe::NativeOptions {
            renderer: eframe::Renderer::Wgpu,
            wgpu_options: WgpuConfiguration {
                wgpu_setup: WgpuSetup::CreateNew(setup),
                ..base.wgpu_options.clone()
            },
            ..base
        }
    }
}

/// A software (CPU) adapter that can draw into the window, WARP first.
fn software_adapter(
    adapters: &[wgpu::Adapter],
    surface: Option<&wgpu::Surface<'_>>,
) -> Result<wgpu::Adapter, String> {
    let rank = |backend: wgpu::Backend| match backend {
        wgpu::Backend::Dx12 => 0,
        wgpu::Backend::Vulkan => 1,
        _ => 2,
    };
    let mut software: Vec<&wgpu::Adapter> = adapters
        .iter()
        .filter(|a| a.get_info().device_type == wgpu::DeviceType::Cpu)
        .filter(|a| surface.is_none_or(|s| a.is_surface_supported(s)))
        .collect();
    software.sort_by_key(|a| rank(a.get_info().backend));
    software
        .first()
        .map(|a| (*a).clone())
        .ok_or_else(|| "没有可用的软件渲染器".to_owned())
}

/// What the window draws with, for 关于: the renderer and, for wgpu, the adapter and its driver.
pub fn describe(renderer: Renderer, cc: &eframe::CreationContext<'_>) -> String {
    match &cc.wgpu_render_state {
        Some(state) => {
            let info = state.adapter.get_info();
            let driver = [info.driver.as_str(), info.driver_info.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let driver = if driver.is_empty() {
                String::new()
            } else {
                format!("，驱动 {driver}")
            };
            format!(
                "{}（{}，{:?}{driver}）",
                renderer.name(),
                info.name,
                info.device_type
            )
        }
        None => renderer.name().to_owned(),
    }
}

/// One renderer that did not open the window, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub renderer: Renderer,
    pub reason: String,
}

/// Runs `attempt` with each renderer in turn until one returns `Ok` (the window opened and was closed by the
/// clerk). A panic inside an attempt (a driver that wgpu cannot handle) counts as a failure of that renderer.
/// Returns the renderer that worked, or every failure.
pub fn run_in_turn(
    order: &[Renderer],
    mut attempt: impl FnMut(Renderer) -> eframe::Result,
) -> Result<Renderer, Vec<Failure>> {
    let mut failures = Vec::new();
    for &renderer in order {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| attempt(renderer)));
        let reason = match outcome {
            Ok(Ok(())) => return Ok(renderer),
            Ok(Err(e)) => e.to_string(),
            Err(payload) => panic_text(payload.as_ref()),
        };
        log_failure(renderer, &reason);
        failures.push(Failure { renderer, reason });
    }
    Err(failures)
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("程序异常：{text}")
}

#[expect(
    clippy::print_stderr,
    reason = "the attempts are reported on stderr for whoever looks into a window that would not open"
)]
fn log_failure(renderer: Renderer, reason: &str) {
    eprintln!("图形方式 {} 未能打开窗口：{reason}", renderer.name());
}

/// The message when no renderer opened the window: what was tried, why each failed, what to do.
pub fn failure_text(failures: &[Failure]) -> String {
    let tried: String = failures
        .iter()
        .map(|f| format!("\n  · {}：{}", f.renderer.name(), f.reason))
        .collect();
    format!(
        "无法打开窗口：依次尝试了以下图形方式，均未成功：{tried}\n\n\
         请更新显卡驱动后重试；在虚拟机或远程桌面中，可改在本机上运行。\
         命令行功能不受影响（lingjun-cli check、export、verify 等，见使用说明）。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_starts_at_the_requested_renderer_and_keeps_the_rest() {
        let all = Renderer::all();
        assert_eq!(Renderer::order(None), all);
        assert_eq!(Renderer::order(Some("nonsense")), all);
        assert_eq!(Renderer::order(Some("")), all);
        assert_eq!(
            Renderer::order(Some(" GLOW ")),
            vec![Renderer::Glow, Renderer::WgpuSoftware]
        );
        assert_eq!(
            Renderer::order(Some("software")),
            vec![Renderer::WgpuSoftware]
        );
    }

    #[test]
    fn every_renderer_has_its_own_key_and_name() {
        let all = Renderer::all();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.key(), b.key());
                assert_ne!(a.name(), b.name());
            }
        }
    }

    #[test]
    fn the_next_renderer_is_tried_after_an_error_or_a_panic() {
        let mut seen = Vec::new();
        let order = [Renderer::WgpuVulkan, Renderer::WgpuGl, Renderer::Glow];
        let worked = run_in_turn(&order, |r| {
            seen.push(r);
            match r {
                Renderer::WgpuVulkan => Err(eframe::Error::AppCreation("lost".into())),
                Renderer::WgpuGl => panic!("driver bug"),
                _ => Ok(()),
            }
        });
        assert_eq!(worked, Ok(Renderer::Glow));
        assert_eq!(seen, order);
    }

    #[test]
    fn when_nothing_works_the_message_names_every_attempt_and_its_reason() {
        let order = Renderer::all();
        let failures = run_in_turn(order, |_| {
            Err(eframe::Error::AppCreation("Parent device is lost".into()))
        })
        .expect_err("nothing works");
        assert_eq!(failures.len(), order.len());
        let text = failure_text(&failures);
        for r in order {
            assert!(text.contains(r.name()), "{text}");
        }
        assert!(text.contains("Parent device is lost"));
        assert!(text.contains("lingjun-cli"));
    }
}

using MudBlazor;

namespace Approvals.Host.Components.Layout;

/// <summary>
/// The platform's colours. MudBlazor's default success/warning/info/error reach only 2.1–3.7:1 against white text,
/// below WCAG 2.1 AA's 4.5:1, and the approver's own buttons (同意, 退回) wear them; every colour here is ≥ 5:1 on white.
/// </summary>
public static class OfficeTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b71c1c",          // 6.6:1
            AppbarBackground = "#b71c1c",
            Secondary = "#1565c0",        // 5.8:1
            Tertiary = "#4527a0",
            Info = "#1565c0",             // 5.8:1 (default #2196f3: 3.1)
            Success = "#2e7d32",          // 5.1:1 (default #00c853: 2.2)
            Warning = "#a84300",          // 6.1:1 (default #ff9800: 2.2)
            Error = "#c62828",            // 5.6:1 (default #f44336: 3.7)
            Dark = "#37474f",
            TextSecondary = "rgba(0,0,0,0.68)",
            ActionDefault = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "sans-serif"],
            },
        },
    };
}

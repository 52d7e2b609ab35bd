using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Approvals.Host.Components;

/// <summary>
/// MudBlazor's own words (pager, date picker, close buttons, file upload…) in Chinese: without this a zh-CN page
/// reads "Previous page" or "Open" to a screen reader. English pages keep MudBlazor's built-in English.
/// </summary>
public sealed class ChineseMudTexts : MudLocalizer
{
    private static readonly Dictionary<string, string> Zh = new()
    {
        ["MudAlert_Close"] = "关闭",
        ["MudBaseDatePicker_NextMonth"] = "下个月 {0}",
        ["MudBaseDatePicker_NextYear"] = "下一年 {0}",
        ["MudBaseDatePicker_Open"] = "打开日期选择",
        ["MudBaseDatePicker_PrevMonth"] = "上个月 {0}",
        ["MudBaseDatePicker_PrevYear"] = "上一年 {0}",
        ["MudBreadcrumbs_Label"] = "导航路径",
        ["MudChip_Close"] = "移除",
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_InfoFormat"] = "第 {0}-{1} 条，共 {2} 条",
        ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGrid_Loading"] = "加载中…",
        ["MudDateRangePicker_End"] = "结束日期",
        ["MudDateRangePicker_Start"] = "开始日期",
        ["MudDialog_Close"] = "关闭",
        ["MudExitPrompt_Cancel"] = "取消",
        ["MudExitPrompt_Exit"] = "确定",
        ["MudExitPrompt_Text"] = "离开此页？未保存的修改可能会丢失。",
        ["MudExitPrompt_Title"] = "确认离开",
        ["MudFileUpload_Button"] = "选择文件",
        ["MudFileUpload_DragAndDrop"] = "将文件拖到此处，或点击选择",
        ["MudFileUpload_FileSizeError"] = "文件“{0}”超过允许的大小（{1} 字节）",
        ["MudFileUpload_MaximumFileCountExceeded"] = "已选择 {0} 个文件，最多 {1} 个",
        ["MudFormComponent_Required"] = "必填",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Decrement"] = "减少",
        ["MudInput_Increment"] = "增加",
        ["MudNavGroup_ToggleExpand"] = "展开或收起 {0}",
        ["MudPageContentNavigation_NavMenu"] = "目录",
        ["MudPagination_CurrentPage"] = "当前第 {0} 页",
        ["MudPagination_FirstPage"] = "第一页",
        ["MudPagination_LastPage"] = "最后一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_PageIndex"] = "第 {0} 页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudRangeInput_End"] = "结束",
        ["MudRangeInput_Start"] = "开始",
        ["MudSelect_SelectAll"] = "全选",
        ["MudSnackbar_Close"] = "关闭",
        ["MudSplitPanel_ResizePanels"] = "调整面板大小",
        ["MudStepper_Complete"] = "完成",
        ["MudStepper_Next"] = "下一步",
        ["MudStepper_Previous"] = "上一步",
        ["MudStepper_Reset"] = "重置",
        ["MudStepper_Skip"] = "跳过",
        ["MudTablePager_FirstPage"] = "第一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTable_Loading"] = "加载中…",
        ["MudTable_SelectAllRows"] = "选择全部行",
        ["MudTable_SelectRow"] = "选择此行",
        ["MudTabs_AddTab"] = "添加标签页",
        ["MudTabs_CloseTab"] = "关闭标签页",
        ["MudTabs_ScrollDown"] = "向下滚动",
        ["MudTabs_ScrollLeft"] = "向左滚动",
        ["MudTabs_ScrollRight"] = "向右滚动",
        ["MudTabs_ScrollUp"] = "向上滚动",
        ["MudTimePicker_Open"] = "打开时间选择",
        ["MudTreeView_CollapseItem"] = "收起",
        ["MudTreeView_ExpandItem"] = "展开",
        ["Converter_InvalidDateTime"] = "不是有效的日期时间",
        ["Converter_InvalidNumber"] = "不是有效的数字",
    };

    public override LocalizedString this[string key] => Text(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Text(key, arguments);

    private static LocalizedString Text(string key, object[] arguments)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        if (!chinese || !Zh.TryGetValue(key, out var text)) return new LocalizedString(key, key, resourceNotFound: true);
        return new LocalizedString(key, arguments.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, arguments));
    }
}

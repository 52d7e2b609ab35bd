using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace Approvals.Host.Tests.Browser;

/// <summary>Gestures on the flow designer (docs/designer.md, "Element ids for browser tests").</summary>
internal static class Designer
{
    /// <summary>Signs in as admin, creates a flow on /admin/flows (it starts as Start→End) and waits for its designer.</summary>
    public static void CreateFlow(ChromeSession admin, string id, string nameZh)
    {
        admin.SignIn("admin", path: "/admin/flows");
        admin.Wait(By.Id("flows-table"), 60);
        ClickUntil(admin, "#flow-create-open", By.Id("flow-form"));
        admin.Type(Input("flow-new-id"), id);
        admin.Type(Input("flow-new-name-zh"), nameZh);
        admin.Click("#flow-form-submit");
        admin.WaitUntil(d => d.Url.EndsWith($"/admin/flows/{id}"), 60);
        admin.Wait(By.Id("designer-canvas"), 60);
        admin.Wait(By.Id("node-start"));
        admin.Wait(By.Id("node-end"));
    }

    /// <summary>
    /// Clicks until <paramref name="shown"/> appears: a page is prerendered before its circuit is up, and a click
    /// on the prerendered button does nothing.
    /// </summary>
    public static void ClickUntil(ChromeSession session, string css, By shown, int seconds = 30, double attemptSeconds = 2)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            session.Click(css);
            var wait = new WebDriverWait(session.Driver, TimeSpan.FromSeconds(attemptSeconds)) { PollingInterval = TimeSpan.FromMilliseconds(20) };
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
            try { wait.Until(d => d.FindElements(shown).Any(e => e.Displayed)); return; }
            catch (WebDriverTimeoutException) when (DateTime.UtcNow < until) { }
        }
    }

    /// <summary>Reads something of the first visible element <paramref name="by"/> finds, looking it up again if Blazor replaced it meanwhile.</summary>
    public static string Read(ChromeSession session, By by, Func<IWebElement, string?> what, int seconds = 30)
    {
        string? value = null;
        session.WaitUntil(d =>
        {
            var e = d.FindElements(by).FirstOrDefault(x => x.Displayed);
            if (e is null) return false;
            value = what(e);
            return true;
        }, seconds);
        return value ?? "";
    }

    public static string TextOf(ChromeSession session, string css, int seconds = 30) => Read(session, By.CssSelector(css), e => e.Text, seconds);

    public static string AttributeOf(ChromeSession session, string css, string attribute) => Read(session, By.CssSelector(css), e => e.GetAttribute(attribute));

    /// <summary>The text input of a MudBlazor field carrying <paramref name="id"/> (on the input itself or around it).</summary>
    public static string Input(string id) => $"input#{id}, #{id} input, textarea#{id}, #{id} textarea";

    /// <summary>Opens a tab of the right-hand panel by its Chinese title.</summary>
    public static void Tab(ChromeSession admin, string title) =>
        admin.ClickWhenReady(By.XPath($"//*[@id='designer-tabs']//*[contains(concat(' ', normalize-space(@class), ' '), ' mud-tab ')][contains(normalize-space(.), '{title}')]"));

    /// <summary>Clicks an activity's header on the canvas (selects it; keys then go to the canvas).</summary>
    public static void SelectNode(ChromeSession admin, string id)
    {
        ClickUntil(admin, $"#node-{id} .wf-node-head", By.CssSelector($"#designer-properties .wf-prop-head[data-activity-id='{id}']"));
    }

    /// <summary>Draws a connection: press on the n-th outcome port of one activity, move, release on the other's input port.</summary>
    public static void Connect(ChromeSession admin, string from, int outcome, string to)
    {
        var source = admin.Driver.FindElements(By.CssSelector($"#node-{from} .wf-port-out"))[outcome];
        var target = admin.Wait(By.CssSelector($"#node-{to} .wf-port-in"));
        new Actions(admin.Driver)
            .MoveToElement(source).Pause(TimeSpan.FromMilliseconds(150))
            .ClickAndHold().Pause(TimeSpan.FromMilliseconds(300))
            .MoveByOffset(20, 10).Pause(TimeSpan.FromMilliseconds(300))
            .MoveToElement(target).Pause(TimeSpan.FromMilliseconds(300))
            .MoveToElement(target, 1, 1).Pause(TimeSpan.FromMilliseconds(300))
            .Release().Perform();
    }

    /// <summary>How many connections the canvas draws (the diagram's link layer).</summary>
    public static int Links(IWebDriver d) => d.FindElements(By.CssSelector("#designer-canvas g.diagram-link, #designer-canvas g[data-link-id]")).Count;

    /// <summary>The index of the outcome port whose label is one of <paramref name="labels"/>.</summary>
    public static int OutcomeIndex(ChromeSession admin, string id, params string[] labels)
    {
        var outcomes = admin.Driver.FindElements(By.CssSelector($"#node-{id} .wf-outcome")).Select(e => e.Text.Trim()).ToList();
        var i = outcomes.FindIndex(o => labels.Any(l => o.Contains(l)));
        return i >= 0 ? i : throw new InvalidOperationException($"{id} has no outcome {string.Join("/", labels)}: {string.Join(", ", outcomes)}");
    }
}

namespace Approvals.Activities;

/// <summary>Names this assembly, so the host can hand it to the activity registry.</summary>
public static class ActivitiesAssembly;

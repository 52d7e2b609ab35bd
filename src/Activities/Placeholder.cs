namespace Approvals.Activities; internal static class Placeholder {}

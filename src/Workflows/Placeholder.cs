namespace Approvals.Workflows; internal static class Placeholder {}

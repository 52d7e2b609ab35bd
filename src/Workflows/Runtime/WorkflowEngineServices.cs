using Approvals.Workflows.Activities;
using Approvals.Workflows.Expressions;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Runtime;

/// <summary>The collaborators a burst needs, gathered once.</summary>
internal sealed record WorkflowEngineServices(
    ActivityRegistry Registry, IExpressionEvaluator Expressions, TimeProvider Clock, IServiceProvider ServiceProvider,
    WorkflowEngineOptions Options, ILogger Logger);

using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Approvals.Host.Api;

/// <summary>JSON options, problem details, the error handler, OpenAPI and the API's authorization policy.</summary>
public static class ApiSetup
{
    public static void AddApprovalsApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Bad request bodies throw, so the one error handler answers them with a clear problem document.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Complete);
        builder.Services.AddExceptionHandler<ApiErrorHandler>();
        builder.Services.AddSingleton<Requests.RequestStarts>();
        builder.Services.AddOpenApi();
        builder.Services.AddHttpContextAccessor();
        ApiSecurity.Add(builder);
        Approvals.Host.Security.RequestProtectionSetup.AddRequestProtection(builder);
    }

    public static void UseApprovalsApi(this WebApplication app)
    {
        // Before everything that may answer (errors, 401s, static files), so every answer has them.
        Approvals.Host.Security.SecurityHeaders.UseSecurityHeaders(app);
        // Outside the error handler, so each request is logged with the status the caller got: an
        // answered ApprovalException is the 4xx it was turned into, not a 500 with a stack trace.
        app.UseSerilogRequestLoggingIfEnabled();
        // Errors the caller caused are answered, not logged as failures of the host.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = c => c.Exception is Approvals.Workflows.ApprovalException or BadHttpRequestException,
        });
        app.UseStatusCodePages();
        // Forged cross-origin requests and non-JSON bodies are refused before anyone is authenticated.
        Approvals.Host.Security.RequestProtectionSetup.UseRequestProtection(app);
        app.UseAuthentication();
        app.UseAuthorization();
    }

    private static void UseSerilogRequestLoggingIfEnabled(this WebApplication app) =>
        Serilog.SerilogApplicationBuilderExtensions.UseSerilogRequestLogging(app);
}

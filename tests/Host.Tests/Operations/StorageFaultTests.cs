using Approvals.Host.Tests.Tasks;
using Approvals.Workflows.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Operations;

/// <summary>
/// Storage faults over the API: a full disk and a locked database are answered 503 with their own code and a Chinese
/// message (never "too large", never a generic 500); nothing is half-written; a start with an idempotency key is never
/// doubled, whether repeated after success or after a fault; once the cause is gone the same call succeeds.
/// </summary>
public sealed class StorageFaultTests(StorageFaultTests.DiskHost host) : IClassFixture<StorageFaultTests.DiskHost>
{
    private readonly HttpClient _staff = host.As(Staff);

    /// <summary>The office host whose attachment store writes through <see cref="FullDisk"/>.</summary>
    public sealed class DiskHost : OfficeHost
    {
        public FullDisk Disk { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<AttachmentFiles>(Disk));
        }
    }

    [Fact]
    public async Task An_upload_on_a_full_disk_is_a_503_storage_full_in_chinese_leaving_no_file_and_no_row_and_succeeds_once_space_returns()
    {
        var id = await _staff.StartLeaveAsync();
        host.Disk.Full = true;
        try
        {
            var refused = await _staff.UploadAsync(id, "证明.pdf", Uploads.Pdf());
            var problem = await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable, "storage-full");
            Assert.Contains("磁盘空间已满", (string)problem["title"]!);
            Assert.DoesNotContain("过大", (string)problem["title"]!);
        }
        finally { host.Disk.Full = false; }
        Assert.Empty((await _staff.GetJsonAsync($"/api/requests/{id}/attachments")).Items());
        Assert.DoesNotContain(Directory.GetFiles(host.AttachmentsFolder), f => f.EndsWith(".part", StringComparison.Ordinal));

        (await _staff.UploadAsync(id, "证明.pdf", Uploads.Pdf())).EnsureSuccessStatusCode();
        Assert.Single((await _staff.GetJsonAsync($"/api/requests/{id}/attachments")).Items());
    }

    [Fact]
    public async Task A_start_repeated_with_the_same_idempotency_key_returns_the_first_case_and_creates_no_second()
    {
        var key = Guid.NewGuid().ToString();
        var before = await MyRequestCountAsync();

        var first = await StartWithKeyAsync(key, "同一次提交");
        var again = await StartWithKeyAsync(key, "同一次提交");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string?)(await first.JsonAsync(HttpStatusCode.Created))["id"], (string?)(await again.JsonAsync())["id"]);
        Assert.Equal(before + 1, await MyRequestCountAsync());

        // Another person's identical key is their own submission.
        var other = await host.As(Colleague).SendAsync(StartRequest(key, "同一次提交"), Ct);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task A_start_while_the_database_is_locked_is_a_503_database_busy_and_its_retry_creates_exactly_one_case()
    {
        var key = Guid.NewGuid().ToString();
        var before = await MyRequestCountAsync();
        await using (var locker = new SqliteConnection(host.Folder.ConnectionString + ";Pooling=False"))
        {
            // Another program holds the write lock (as a copy tool or a stuck process would) until the host gives up waiting.
            await locker.OpenAsync(Ct);
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync(Ct);

            var refused = await StartWithKeyAsync(key, "数据库被锁时提交");
            var problem = await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable, "database-busy");
            Assert.Contains("数据库正忙", (string)problem["title"]!);

            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(Ct);
        }
        Assert.Equal(before, await MyRequestCountAsync());

        Assert.Equal(HttpStatusCode.Created, (await StartWithKeyAsync(key, "数据库被锁时提交")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StartWithKeyAsync(key, "数据库被锁时提交")).StatusCode);
        Assert.Equal(before + 1, await MyRequestCountAsync());
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_a_400_with_its_code()
    {
        var request = StartRequest(new string('k', 201), "键太长");
        await (await _staff.SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-idempotency-key");
    }

    private Task<HttpResponseMessage> StartWithKeyAsync(string key, string reason) => _staff.SendAsync(StartRequest(key, reason), Ct);

    private static HttpRequestMessage StartRequest(string key, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests")
        {
            Content = JsonContent.Create(new { definitionId = LeaveFlowId, input = new { reason, days = 1 } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> MyRequestCountAsync() => (int)(await _staff.GetJsonAsync("/api/requests?pageSize=1"))["total"]!;
}

using System.Security.Cryptography;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Approvals.Workflows.Tests.Tasks;

/// <summary>The attachment store on its own: display names, the extension list, and no traces of a failed upload.</summary>
public sealed class AttachmentStoreTests : IDisposable
{
    private const string ChiefStep = """{ "assignment": { "strategy": "initiatorChief" } }""";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "approvals-tests", Guid.NewGuid().ToString("N"), "attachments");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("请假证明.pdf", "请假证明.pdf")]
    [InlineData("C:\\fakepath\\报告.docx", "报告.docx")]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("a\u0000b\r\n.pdf", "ab.pdf")]
    [InlineData("发票\u202Efdp.exe", "发票fdp.exe")]
    [InlineData("  名单 .xlsx. ", "名单 .xlsx")]
    [InlineData("dir/", "")]
    [InlineData("..", "")]
    [InlineData(null, "")]
    public void Display_names_lose_paths_and_control_characters(string? given, string expected) =>
        Assert.Equal(expected, AttachmentFileName.Sanitize(given));

    [Fact]
    public void Long_names_are_cut_to_200_keeping_the_extension_and_whole_characters()
    {
        var name = AttachmentFileName.Sanitize(new string('文', 150) + "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀" + ".pdf");
        Assert.True(name.Length <= AttachmentFileName.MaxLength, $"{name.Length}");
        Assert.EndsWith("😀.pdf", name);
        Assert.True(char.IsHighSurrogate(name[^6]) && char.IsLowSurrogate(name[^5]));
    }

    [Fact]
    public void Configured_extensions_replace_the_defaults_rather_than_add_to_them()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Attachments:MaxBytes"] = "1024", ["Attachments:AllowedExtensions:0"] = ".PDF", ["Attachments:AllowedExtensions:1"] = "txt",
        }).Build();
        var options = config.GetSection("Attachments").Get<AttachmentOptions>()!;
        Assert.Equal(1024, options.MaxBytes);
        Assert.Equal(["pdf", "txt"], options.Extensions.Order());
        Assert.Contains("ofd", new AttachmentOptions().Extensions);
        Assert.Equal(20 * 1024 * 1024, new AttachmentOptions().MaxBytes);
    }

    [Fact]
    public async Task A_stored_file_is_named_by_its_id_with_its_hash_and_a_timeline_row()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var store = Store(h);
        var bytes = "月度报表"u8.ToArray();

        var added = await store.AddAsync(id, null, new Actor("staff1"), "报表.csv", new MemoryStream(bytes), Ct);

        Assert.Equal(("报表.csv", "text/csv", bytes.Length), (added.FileName, added.ContentType, added.Size));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), added.Sha256);
        Assert.Equal([added.Id], Directory.GetFiles(_folder).Select(Path.GetFileName));
        var (found, content) = await store.OpenAsync(added.Id, new Actor("chief1"), Ct);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
        }
        Assert.Equal(added.Id, found.Id);
        Assert.Contains(await h.Inbox.TimelineAsync(id, new Actor("staff1"), Ct), r => r.Action == "Attached" && r.Comment == "报表.csv");
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => store.OpenAsync(added.Id, new Actor("stranger"), Ct))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => store.ListAsync(id, new Actor("stranger"), Ct))).Kind);
    }

    [Fact]
    public async Task An_upload_that_fails_midway_leaves_no_file_and_no_row()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var store = Store(h);

        await Assert.ThrowsAsync<IOException>(() => store.AddAsync(id, null, new Actor("staff1"), "a.pdf", new BrokenStream(), Ct));
        var tooLarge = await Assert.ThrowsAsync<ApprovalException>(() =>
            store.AddAsync(id, null, new Actor("staff1"), "a.pdf", new MemoryStream(new byte[store.Options.MaxBytes + 1]), Ct));
        Assert.Equal("file-too-large", tooLarge.Code);

        Assert.Empty(Directory.GetFiles(_folder));
        await using var ctx = h.Engine.Db.Create();
        Assert.False(await ctx.Attachments.AnyAsync(Ct));
        Assert.False(await ctx.History.AnyAsync(r => r.Action == "Attached", Ct));
    }

    private AttachmentStore Store(TaskHarness h) =>
        new(h.Engine.Db, h.Engine.Get<CaseAccess>(), _folder, new AttachmentOptions { MaxBytes = 4096 }, h.Engine.Clock);

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Gives some bytes, then fails as a dropped connection would.</summary>
    private sealed class BrokenStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0) throw new IOException("the client went away");
            buffer[offset] = 1;
            return 1;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

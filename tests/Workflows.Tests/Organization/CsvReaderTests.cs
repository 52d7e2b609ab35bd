using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Tests.Organization;

public sealed class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_records_know_their_line()
    {
        var (records, errors) = CsvReader.Parse("\uFEFFa,b,c\r\n\"1,5\",\"say \"\"hi\"\"\",\"x\r\ny\"\r\n\r\n,,\nlast");
        Assert.Empty(errors);
        Assert.Equal([1, 2, 5, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1,5", "say \"hi\"", "x\r\ny"], records[1].Fields);
        Assert.Equal(["", "", ""], records[2].Fields);
        Assert.Equal(["last"], records[3].Fields);
    }

    [Fact]
    public void Bad_records_are_reported_and_reading_goes_on()
    {
        var (records, errors) = CsvReader.Parse("a,b\nx\"y,1\n\"z\"w,2\nok,3\n\"open,4\n");
        Assert.Equal([2, 3, 5], errors.Select(e => e.Line));
        Assert.Equal([1, 4], records.Select(r => r.Line));
    }
}

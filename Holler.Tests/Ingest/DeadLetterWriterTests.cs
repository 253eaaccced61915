using System.Text;
using Holler.Domain;
using Holler.Ingest;

namespace Holler.Tests.Ingest;

public sealed class DeadLetterWriterTests
{
    private static ConsumedRecord Record(string? key, int valueBytes) =>
        new(key is null ? null : Encoding.UTF8.GetBytes(key), Enumerable.Range(0, valueBytes).Select(i => (byte)i).ToArray(), 3, 42, 100);

    private static string Header(Confluent.Kafka.Message<byte[]?, byte[]> copy, string name) =>
        Encoding.UTF8.GetString(copy.Headers.GetLastBytes(name));

    [Fact]
    public void A_record_within_the_limit_is_copied_whole_with_its_reason_and_source()
    {
        var record = Record("b-1", 1000);

        var copy = DeadLetterWriter.CopyOf(record, RejectReason.InvalidBusinessId, maxRecordBytes: 1003);

        Assert.Equal(record.Key, copy.Key);
        Assert.Equal(record.Value, copy.Value);
        Assert.Equal("InvalidBusinessId", Header(copy, DeadLetterWriter.ReasonHeader));
        Assert.Equal("3@42", Header(copy, DeadLetterWriter.SourceHeader));
        Assert.False(copy.Headers.TryGetLastBytes(DeadLetterWriter.OriginalBytesHeader, out _));
    }

    [Fact]
    public void An_oversized_record_is_cut_to_the_limit_keeping_the_key_and_the_start_of_the_value()
    {
        var record = Record("b-1", 500_000);

        var copy = DeadLetterWriter.CopyOf(record, RejectReason.TooLarge, maxRecordBytes: 65_536);

        Assert.Equal(record.Key, copy.Key);
        Assert.Equal(record.Value[..(65_536 - 3)], copy.Value);
        Assert.Equal("TooLarge", Header(copy, DeadLetterWriter.ReasonHeader));
        Assert.Equal("500003", Header(copy, DeadLetterWriter.OriginalBytesHeader));
    }

    [Fact]
    public void A_key_longer_than_the_limit_is_cut_too()
    {
        var record = Record(new string('k', 2000), 10);

        var copy = DeadLetterWriter.CopyOf(record, RejectReason.TooLarge, maxRecordBytes: 1024);

        Assert.Equal(record.Key![..1024], copy.Key);
        Assert.Empty(copy.Value);
        Assert.Equal("2010", Header(copy, DeadLetterWriter.OriginalBytesHeader));
    }
}

using System.Runtime.InteropServices;

namespace Holler.Kafka;

/// <summary>
/// The part of librdkafka's C API that owns a mock cluster. Confluent.Kafka does not bind it, and only through it can a
/// topic be created with a partition count of our choosing (the mock refuses the CreateTopics request).
/// </summary>
internal static class MockClusterNative
{
    private const string Library = "librdkafka";

    static MockClusterNative()
    {
        // The very library Confluent.Kafka loaded (it is loaded first, here): the plain build from the runtimes folder
        // or, where that one's dependencies (libsasl2 …) are missing, the self-contained one; next to the executable
        // when published for one platform.
        _ = Confluent.Kafka.Library.Version;
        NativeLibrary.SetDllImportResolver(typeof(MockClusterNative).Assembly, (name, _, _) =>
        {
            if (name != Library) return IntPtr.Zero;
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{arch}", "native");
            foreach (var folder in new[] { runtimes, AppContext.BaseDirectory })
            foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so" })
                if (NativeLibrary.TryLoad(Path.Combine(folder, file), out var handle)) return handle;
            return IntPtr.Zero;
        });
    }

    [DllImport(Library)] internal static extern IntPtr rd_kafka_conf_new();
    [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] error, UIntPtr size);
    [DllImport(Library)] internal static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] error, UIntPtr size);
    [DllImport(Library)] internal static extern void rd_kafka_destroy(IntPtr client);
    [DllImport(Library)] internal static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr client);
    [DllImport(Library)] internal static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);
    [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);
}

using Portico.Cli;

// Before anything rents from ArrayPool<byte>.Shared (the pool reads this once, when first used): YARP rents a
// 64 KiB buffer for each body it copies, and with hundreds of calls in flight the shared pool's default of 32
// arrays per size and CPU runs dry, so most rentals allocate 64 KiB that the GC then has to clear (measured here:
// ~95 KB allocated and ~130 µs of CPU per unary call, a third of it in GC). 1024 per size bounds what the pool
// may keep; it only fills as far as concurrency needs. An operator's own setting wins. See bench/README.md.
const string PoolSize = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PoolSize)))
{
    Environment.SetEnvironmentVariable(PoolSize, "1024");
}

return PorticoCli.Run(args, Console.Out, Console.Error);

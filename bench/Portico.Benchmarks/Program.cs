using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Portico.Benchmarks.TranslatorBenchmarks).Assembly).Run(args);

namespace ProfileHub.Server.Observability;

/// <summary>A double updated from many threads without a lock.</summary>
internal sealed class DoubleCell
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double amount)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + amount, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);
}

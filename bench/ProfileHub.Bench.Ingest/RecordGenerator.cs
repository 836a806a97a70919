using System.Globalization;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Bench.Ingest;

/// <summary>
/// Realistic multi-source records for a synthetic population, each tagged with its true person:
/// people with 1–3 devices, 1–2 emails (case and whitespace noise), a CRM id for ~60%, a login
/// user id for ~50%, email-platform and help-desk ids for some, phones in varied formats; sources
/// crm, web, email and support; a fraction of devices shared by 4–8 people (kiosks, family
/// tablets) and a few household emails shared by two CRM contacts. Deterministic for a seed.
/// </summary>
public sealed class RecordGenerator
{
    private static readonly string[] FirstNames = ["ann", "bob", "carla", "dev", "emma", "farid", "greta", "hiro", "ines", "jon", "kofi", "lena", "mateo", "nora", "omar", "priya"];
    private static readonly string[] LastNames = ["lee", "smith", "garcia", "khan", "muller", "rossi", "tanaka", "okafor", "silva", "novak", "berg", "dubois"];
    private static readonly string[] Domains = ["example.com", "mail.example.org", "inbox.example.net", "corp.example.io"];
    private static readonly string[] BrowsingEvents = ["page_viewed", "page_viewed", "page_viewed", "product_viewed", "product_viewed", "pricing_viewed", "comparison_viewed", "cart_added", "checkout_started"];
    private static readonly string[] Plans = ["free", "starter", "pro", "enterprise"];
    private static readonly string[] Countries = ["US", "US", "US", "CA", "GB", "DE"];

    private readonly GeneratorOptions options;

    /// <summary>Creates a generator for <paramref name="options"/>.</summary>
    public RecordGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Records, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RecordsPerPerson, 1);
        this.options = options;
    }

    /// <summary>Generates the whole dataset (records sorted by time, ties by record id).</summary>
    public GeneratedDataset Generate()
    {
        var random = new Random(options.Seed);
        var people = CreatePeople(random, Math.Max(8, options.Records / options.RecordsPerPerson));
        var sharedDevices = ShareDevices(random, people);
        var householdEmails = ShareHouseholdEmails(random, people);

        var records = new List<GeneratedRecord>(options.Records);
        var spanSeconds = (int)Math.Min(int.MaxValue, options.Span.TotalSeconds);
        for (var i = 0; i < options.Records; i++)
        {
            var person = people[random.Next(people.Count)];
            var at = options.Start.AddSeconds(random.Next(spanSeconds));
            records.Add(new GeneratedRecord(CreateRecord(random, person, at, i), person.Id));
        }

        records.Sort((a, b) =>
        {
            var byTime = Nullable.Compare(a.Record.OccurredAt, b.Record.OccurredAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Record.RecordId, b.Record.RecordId);
        });
        var devices = people.SelectMany(p => p.Devices).Count() + sharedDevices;
        return new GeneratedDataset(records, people.Count, devices, sharedDevices, householdEmails);
    }

    private static List<SyntheticPerson> CreatePeople(Random random, int count)
    {
        var people = new List<SyntheticPerson>(count);
        for (var id = 0; id < count; id++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var person = new SyntheticPerson(id, $"{first} {last}")
            {
                Plan = Plans[random.Next(Plans.Length)],
                Country = Countries[random.Next(Countries.Length)],
            };
            var devices = random.Next(1, 4);
            for (var d = 0; d < devices; d++)
                person.Devices.Add(NewGuid(random));
            person.Emails.Add($"{first}.{last}.{id}@{Domains[random.Next(Domains.Length)]}");
            if (random.NextDouble() < 0.35)
                person.Emails.Add($"{first[0]}{last}{id}@work{id % 97}.example.com");
            if (random.NextDouble() < 0.6)
                person.CrmId = "003" + id.ToString("D9", CultureInfo.InvariantCulture);
            if (random.NextDouble() < 0.5)
                person.UserId = "usr_" + (id * 7919L + 100_003).ToString("x", CultureInfo.InvariantCulture);
            if (random.NextDouble() < 0.55)
                person.Phone = $"{random.Next(201, 990)}{random.Next(200, 1000)}{random.Next(0, 10_000):D4}";
            if (random.NextDouble() < 0.45)
                person.EspId = "sub-" + id.ToString("x6", CultureInfo.InvariantCulture);
            if (random.NextDouble() < 0.25)
                person.SupportId = "req" + (id + 50_000).ToString(CultureInfo.InvariantCulture);
            people.Add(person);
        }

        return people;
    }

    private int ShareDevices(Random random, List<SyntheticPerson> people)
    {
        var personal = people.Sum(p => p.Devices.Count);
        // Shared devices count toward all devices: solve shared / (personal + shared) = fraction.
        var shared = (int)Math.Ceiling(options.SharedDeviceFraction * personal / (1 - options.SharedDeviceFraction));
        for (var s = 0; s < shared; s++)
        {
            var device = "kiosk-" + NewGuid(random);
            var users = random.Next(4, 9);
            foreach (var person in Sample(random, people, users))
                person.SharedDevices.Add(device);
        }

        return shared;
    }

    private int ShareHouseholdEmails(Random random, List<SyntheticPerson> people)
    {
        var crm = people.Where(p => p.CrmId is not null).ToList();
        var pairs = (int)(options.HouseholdEmailFraction * crm.Count / 2);
        for (var h = 0; h < pairs; h++)
        {
            var pair = Sample(random, crm, 2);
            var email = $"family.{pair[0].Id}.{pair[1].Id}@home.example.com";
            pair[0].Emails.Add(email);
            pair[1].Emails.Add(email);
        }

        return pairs;
    }

    private static IncomingRecord CreateRecord(Random random, SyntheticPerson person, DateTimeOffset at, int sequence)
    {
        var roll = random.NextDouble();
        if (roll < 0.10 && person.CrmId is not null)
            return CrmRecord(random, person, at, sequence);
        if (roll < 0.22 && person.EspId is not null)
            return EmailRecord(random, person, at, sequence);
        if (roll < 0.27 && person.SupportId is not null)
            return SupportRecord(random, person, at, sequence);
        if (roll < 0.45)
            return IdentifiedWebRecord(random, person, at, sequence);
        return AnonymousWebRecord(random, person, at, sequence);
    }

    private static IncomingRecord CrmRecord(Random random, SyntheticPerson person, DateTimeOffset at, int sequence)
    {
        var identifiers = new List<IncomingIdentifier> { new("crm_id", person.CrmId!) };
        identifiers.AddRange(person.Emails.Select(e => new IncomingIdentifier("email", NoisyEmail(random, e))));
        if (person.Phone is not null)
            identifiers.Add(new("phone", NoisyPhone(random, person.Phone)));
        var traits = new Dictionary<string, string> { ["name"] = person.Name, ["plan"] = person.Plan, ["country"] = person.Country };
        var @event = random.NextDouble() < 0.1 ? "purchase_completed" : "contact_updated";
        return Record("crm", sequence, at, identifiers, @event, new Dictionary<string, string>(), traits);
    }

    private static IncomingRecord EmailRecord(Random random, SyntheticPerson person, DateTimeOffset at, int sequence)
    {
        var identifiers = new List<IncomingIdentifier> { new("esp_id", person.EspId!), new("email", NoisyEmail(random, person.Emails[0])) };
        var clicked = random.NextDouble() < 0.35;
        // A tracked click opens the site on one of the person's devices: the email platform's link carries its cookie.
        if (clicked)
            identifiers.Add(new("device_id", Device(random, person, allowShared: false)));
        var properties = new Dictionary<string, string> { ["campaign"] = "c" + random.Next(1, 40).ToString(CultureInfo.InvariantCulture) };
        return Record("email", sequence, at, identifiers, clicked ? "email_clicked" : "email_opened", properties, new Dictionary<string, string>());
    }

    private static IncomingRecord SupportRecord(Random random, SyntheticPerson person, DateTimeOffset at, int sequence)
    {
        var identifiers = new List<IncomingIdentifier> { new("support_id", person.SupportId!), new("email", NoisyEmail(random, person.Emails[random.Next(person.Emails.Count)])) };
        if (person.Phone is not null && random.NextDouble() < 0.5)
            identifiers.Add(new("phone", NoisyPhone(random, person.Phone)));
        var traits = new Dictionary<string, string> { ["name"] = person.Name };
        return Record("support", sequence, at, identifiers, "ticket_opened", new Dictionary<string, string>(), traits);
    }

    private static IncomingRecord IdentifiedWebRecord(Random random, SyntheticPerson person, DateTimeOffset at, int sequence)
    {
        var identifiers = new List<IncomingIdentifier> { new("device_id", Device(random, person, allowShared: true)) };
        string @event;
        if (person.UserId is not null)
        {
            identifiers.Add(new("user_id", person.UserId));
            // The identify call after a login often carries the account email too.
            if (random.NextDouble() < 0.5)
                identifiers.Add(new("email", NoisyEmail(random, person.Emails[0])));
            @event = random.NextDouble() < 0.15 ? "purchase_completed" : "logged_in";
        }
        else
        {
            identifiers.Add(new("email", NoisyEmail(random, person.Emails[0])));
            @event = random.NextDouble() < 0.15 ? "purchase_completed" : "form_submitted";
        }

        return Record("web", sequence, at, identifiers, @event, new Dictionary<string, string> { ["path"] = "/account" }, new Dictionary<string, string>());
    }

    private static IncomingRecord AnonymousWebRecord(Random random, SyntheticPerson person, DateTimeOffset at, int sequence)
    {
        var identifiers = new List<IncomingIdentifier> { new("device_id", Device(random, person, allowShared: true)) };
        var @event = BrowsingEvents[random.Next(BrowsingEvents.Length)];
        var properties = new Dictionary<string, string> { ["path"] = "/" + @event.Replace('_', '/'), ["product"] = "sku-" + random.Next(1, 200).ToString(CultureInfo.InvariantCulture) };
        return Record("web", sequence, at, identifiers, @event, properties, new Dictionary<string, string>());
    }

    private static IncomingRecord Record(
        string source, int sequence, DateTimeOffset at, List<IncomingIdentifier> identifiers, string @event,
        Dictionary<string, string> properties, Dictionary<string, string> traits) =>
        new(source, $"{source}-{sequence:D8}", at, identifiers, @event, properties, traits);

    private static string Device(Random random, SyntheticPerson person, bool allowShared) =>
        allowShared && person.SharedDevices.Count > 0 && random.NextDouble() < 0.3
            ? person.SharedDevices[random.Next(person.SharedDevices.Count)]
            : person.Devices[random.Next(person.Devices.Count)];

    private static string NoisyEmail(Random random, string email) => random.Next(6) switch
    {
        0 => email.ToUpperInvariant(),
        1 => char.ToUpperInvariant(email[0]) + email[1..],
        2 => " " + email + " ",
        3 => email + "\t",
        _ => email,
    };

    private static string NoisyPhone(Random random, string tenDigits)
    {
        var (area, exchange, line) = (tenDigits[..3], tenDigits[3..6], tenDigits[6..]);
        return random.Next(6) switch
        {
            0 => $"({area}) {exchange}-{line}",
            1 => $"{area}.{exchange}.{line}",
            2 => $"+1 {area} {exchange} {line}",
            3 => $"1-{area}-{exchange}-{line}",
            4 => $"+1{tenDigits}",
            _ => tenDigits,
        };
    }

    private static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static List<T> Sample<T>(Random random, List<T> items, int count)
    {
        var picked = new List<T>(count);
        var seen = new HashSet<int>();
        while (picked.Count < Math.Min(count, items.Count))
        {
            var index = random.Next(items.Count);
            if (seen.Add(index))
                picked.Add(items[index]);
        }

        return picked;
    }
}

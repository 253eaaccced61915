using Holler.Domain.Catalog;

namespace Holler.Tests.Catalog;

public class YelpCatalogTests
{
    private const string Lines = """
        {"business_id":"Pns2l4eNsfO8kk83dixA6A","name":"Abby Rappoport, LAC, CMQ","address":"1616 Chapala St, Ste 2","city":"Santa Barbara","state":"CA","postal_code":"93101","latitude":34.4266787,"longitude":-119.7111968,"stars":5.0,"review_count":7,"is_open":0,"attributes":{"ByAppointmentOnly":"True"},"categories":"Doctors, Traditional Chinese Medicine, Naturopathic\/Holistic, Acupuncture, Health & Medical, Nutritionists","hours":null}
        {"business_id":"mpf3x-BjTdTEA3yCZrAYPw","name":"The UPS Store","city":"Affton","latitude":38.551126,"longitude":-90.335695,"categories":"Shipping Centers, Local Services, Notaries, Mailbox Centers, Printing Services"}
        {"business_id":"broken", "name": "Truncated
        {"business_id":"tUFrWirKiKi_TAnsVWINQQ","name":"Target","city":"Tucson","latitude":32.223236,"longitude":-110.880452,"categories":null}

        {"name":"No Id","city":"Tampa","latitude":27.9,"longitude":-82.4}
        {"business_id":"MTSW4McQd7CbVtyjqoe9mw","name":"St Honore Pastries","city":"Philadelphia","latitude":39.9555052,"longitude":-75.1555641,"categories":"Restaurants, Food, Bubble Tea, Coffee & Tea, Bakeries"}
        {"business_id":"MTSW4McQd7CbVtyjqoe9mw","name":"Duplicate","city":"Philadelphia","latitude":39.9,"longitude":-75.1}
        """;

    [Fact]
    public void Loads_good_lines_and_counts_bad_ones()
    {
        var catalog = BusinessCatalog.LoadYelp(new StringReader(Lines));

        Assert.Equal(4, catalog.Count);
        Assert.Equal(3, catalog.SkippedLines);

        Assert.True(catalog.TryGet("Pns2l4eNsfO8kk83dixA6A", out var doctor));
        Assert.Equal(new BusinessInfo("Pns2l4eNsfO8kk83dixA6A", "Abby Rappoport, LAC, CMQ", "Doctors", "Santa Barbara", 34.4266787, -119.7111968), doctor);
        Assert.Equal("Shipping Centers", catalog[1].Category);
        Assert.Equal("Uncategorized", catalog[2].Category);
        Assert.Equal("St Honore Pastries", catalog[catalog.IndexOf("MTSW4McQd7CbVtyjqoe9mw")].Name);
    }

    [Fact]
    public void An_empty_file_is_an_empty_catalog()
    {
        var catalog = BusinessCatalog.LoadYelp(new StringReader(""));
        Assert.Equal(0, catalog.Count);
        Assert.Equal(0, catalog.SkippedLines);
    }
}

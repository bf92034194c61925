using Buurt.AreaCopy;
using Buurt.Contacts.Api;
using Buurt.Contacts.Data;
using Buurt.Contacts.Messaging;
using Buurt.Contacts.UseCases;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("contacts");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<ContactsDbContext>();
builder.AddMessaging<ContactsDbContext>(bus => bus.AddContactsConsumers());
builder.AddAreaCopy<ContactsDbContext>();
builder.AddPostcodeCopy();
builder.AddOfficeHoursCatchUp();
builder.Services.AddUseCases();
builder.AddContactsMetrics();
builder.AddVerificationWatch();

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapWho();
api.MapOrganisations();
api.MapPeople();
api.MapAssignments();
api.MapVenues();
api.MapNetworkSettings();
api.MapLinks();
api.MapListings();
api.MapOpenData();
app.Run();

from django.urls import path

from releases import views

app_name = "releases"
urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("facilities/", views.facility_list, name="facility_list"),
    path("facilities/<slug:slug>/", views.facility_detail, name="facility_detail"),
    path("nationalities/", views.nationality_list, name="nationality_list"),
    path("nationalities/<str:code>/", views.nationality_detail, name="nationality_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
]

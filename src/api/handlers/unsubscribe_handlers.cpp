#include "api/handlers/unsubscribe_handlers.h"

#include <boost/url/parse_query.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

json ViewJson(const domain::UnsubscribeView& v) {
  return {{"reminders_off", v.reminders_off},
          {"came_in", v.came_in},
          {"stops", v.stops},
          {"just_turned_off", v.just_turned_off}};
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool IsOneClickBody(std::string_view content_type, std::string_view body) {
  const std::string media = Lower(content_type.substr(0, content_type.find(';')));
  if (media.find("application/x-www-form-urlencoded") != std::string::npos) {
    auto params = boost::urls::parse_query(body);
    if (!params) return false;
    for (auto param : *params) {
      if (param.key.decode() == "List-Unsubscribe" && param.has_value &&
          param.value.decode() == "One-Click") {
        return true;
      }
    }
    return false;
  }
  if (media.find("multipart/form-data") != std::string::npos) {
    // The part named List-Unsubscribe, whose content is One-Click.
    constexpr std::string_view kName = "name=\"List-Unsubscribe\"";
    const std::size_t name = body.find(kName);
    if (name == std::string_view::npos) return false;
    const std::size_t start = body.find("\r\n\r\n", name);
    if (start == std::string_view::npos) return false;
    const std::size_t end = body.find("\r\n", start + 4);
    return body.substr(start + 4, end == std::string_view::npos ? end : end - start - 4) ==
           "One-Click";
  }
  return false;
}

void RegisterUnsubscribeRoutes(Router& router, domain::UnsubscribeService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  router.Add(
      HttpMethod::kGet, "/unsubscribe/{token}",
      [&service, &router](const HttpRequest& request, const PathParams& p) {
        // Reading the link changes nothing; the page asks before it does.
        auto view = service.Describe(p.Get("token"));
        if (!router.fallback()) return Answer(view, &ViewJson);
        if (!view.ok() && view.status().code() != ErrorCode::kNotFound) {
          return ErrorResponse(view.status());
        }
        HttpResponse page = router.fallback()(request, PathParams{});
        if (!view.ok() && page.status == 200) page.status = 404;
        return Private(std::move(page));
      },
      no_body);
  router.Add(HttpMethod::kPost, "/unsubscribe/{token}",
             [&service](const HttpRequest& request, const PathParams& p) {
               if (!IsOneClickBody(request.Header("content-type").value_or(""), request.body)) {
                 return ErrorResponse(Status::InvalidArgument(
                     "a one-click unsubscribe sends List-Unsubscribe=One-Click as a form",
                     "List-Unsubscribe"));
               }
               return Answer(service.Unsubscribe(p.Get("token"), request.remote_address),
                             &ViewJson);
             },
             {.body = BodyKind::kRaw, .max_body = 4096});
  router.Add(
      HttpMethod::kGet, "/api/v1/unsubscribe/{token}",
      [&service](const HttpRequest&, const PathParams& p) {
        return Answer(service.Describe(p.Get("token")), &ViewJson);
      },
      no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/unsubscribe/{token}",
      [&service](const HttpRequest& request, const PathParams& p) {
        return Answer(service.Unsubscribe(p.Get("token"), request.remote_address), &ViewJson);
      },
      no_body);
}

}  // namespace pairwise::api

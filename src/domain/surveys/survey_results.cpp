#include "domain/surveys/survey_results.h"

#include <algorithm>
#include <map>

namespace pairwise::domain {
namespace {

std::vector<std::string> ValuesOf(const Question& q) {
  switch (q.type) {
    case QuestionType::kSingleChoice:
    case QuestionType::kMultipleChoice:
      return q.options;
    case QuestionType::kScale:
      return {"1", "2", "3", "4", "5"};
    case QuestionType::kNps: {
      std::vector<std::string> out;
      for (int i = 0; i <= 10; ++i) out.push_back(std::to_string(i));
      return out;
    }
    default:
      return {};
  }
}

// The figures of one question over `sheets` (all answered it or not).
QuestionResult Figures(const Question& q, const std::vector<const SurveyResponse*>& sheets) {
  QuestionResult out;
  out.question = q;
  const std::vector<std::string> values = ValuesOf(q);
  for (const std::string& v : values) out.counts.push_back({v, 0});
  if (q.type == QuestionType::kMatrix) {
    out.matrix.assign(q.options.size(), std::vector<int>(5, 0));
  }
  double sum = 0;
  int promoters = 0, detractors = 0;
  for (const SurveyResponse* r : sheets) {
    if (!IsAnswered(r->answers, q.id)) continue;
    ++out.answered;
    const std::vector<std::string>& given = r->answers.at(q.id);
    switch (q.type) {
      case QuestionType::kShortText:
      case QuestionType::kLongText:
        out.texts.push_back(given[0]);
        break;
      case QuestionType::kMatrix:
        for (std::size_t i = 0; i < given.size() && i < out.matrix.size(); ++i) {
          const int rating = given[i][0] - '1';
          if (rating >= 0 && rating < 5) ++out.matrix[i][rating];
        }
        break;
      default:
        for (const std::string& g : given) {
          for (AnswerCount& c : out.counts) {
            if (c.value == g) ++c.count;
          }
        }
        if (q.type == QuestionType::kScale || q.type == QuestionType::kNps) {
          const int n = std::stoi(given[0]);
          sum += n;
          promoters += n >= 9;
          detractors += n <= 6;
        }
    }
  }
  if (out.answered > 0 && (q.type == QuestionType::kScale || q.type == QuestionType::kNps)) {
    out.mean = sum / out.answered;
  }
  if (out.answered > 0 && q.type == QuestionType::kNps) {
    out.nps = static_cast<int>((100.0 * (promoters - detractors)) / out.answered +
                               (promoters >= detractors ? 0.5 : -0.5));
  }
  // Never in the order they were given: that order could be matched with who answered when.
  std::sort(out.texts.begin(), out.texts.end());
  return out;
}

QuestionResult Hidden(const Question& q, int answered) {
  QuestionResult out;
  out.question = q;
  out.hidden = true;
  out.answered = answered;
  return out;
}

}  // namespace

bool IsResultDimension(const std::string& by) {
  return by == "side" || by == "department" || by == "site" || by == "level";
}

const std::string& GroupOf(const SurveyResponse& r, const std::string& by) {
  static const std::string kMentor = "mentor", kMentee = "mentee";
  if (by == "side") return r.side == Side::kMentor ? kMentor : kMentee;
  if (by == "department") return r.department;
  if (by == "site") return r.site;
  return r.level_band;
}

bool IsAnswered(const Answers& answers, const std::string& id) {
  auto it = answers.find(id);
  return it != answers.end() && !it->second.empty() && !it->second[0].empty();
}

std::vector<SurveyGroupTally> TallyGroups(const std::vector<SurveyResponse>& responses,
                                          const std::string& by) {
  std::map<std::string, SurveyGroupTally> groups;
  for (const SurveyResponse& r : responses) {
    SurveyGroupTally& t = groups[GroupOf(r, by)];
    ++t.sheets;
    for (const auto& entry : r.answers) {
      if (IsAnswered(r.answers, entry.first)) ++t.answered[entry.first];
    }
  }
  std::vector<SurveyGroupTally> out;
  for (auto& [name, tally] : groups) {
    tally.group = name;
    out.push_back(std::move(tally));
  }
  return out;
}

Result<SurveyResults> SummarizeSurvey(const std::vector<Question>& questions,
                                      const std::vector<SurveyResponse>& responses, int k,
                                      int invited, const SurveyResultsQuery& query) {
  if (!query.group || !IsResultDimension(query.by)) {
    return SummarizeTallied(questions,
                            IsResultDimension(query.by) ? TallyGroups(responses, query.by)
                                                        : std::vector<SurveyGroupTally>{},
                            responses, k, invited, query);
  }
  std::vector<SurveyResponse> selection;
  for (const SurveyResponse& r : responses) {
    if (GroupOf(r, query.by) == *query.group) selection.push_back(r);
  }
  return SummarizeTallied(questions, TallyGroups(responses, query.by), selection, k, invited,
                          query);
}

namespace {

// SummarizeTallied's rules over any selection: `sheets` of it, `answered(q)` how many of them
// answer question q, `figures(q)` the figures of a shown question. The one place that decides
// which selections and questions are shown (SummarizeTallied and SummarizeScores).
template <typename Answered, typename FiguresOf>
Result<SurveyResults> Summarize(const std::vector<Question>& questions,
                                std::vector<SurveyGroupTally> tallies, int sheets, int k,
                                int invited, const SurveyResultsQuery& query, Answered&& answered,
                                FiguresOf&& figures) {
  if (!query.by.empty() && !IsResultDimension(query.by)) {
    return Status::InvalidArgument("results are grouped by side, department, site or level", "by");
  }
  if (query.group && query.by.empty()) {
    return Status::InvalidArgument("a group needs the dimension it belongs to (by)", "group");
  }
  k = std::max(k, kLowestMinGroup);
  SurveyResults out;
  out.min_group = k;
  out.invited = invited;
  out.by = query.by;
  out.group = query.group;
  if (query.by.empty()) tallies.clear();
  // In the order of the groups' names, whatever order storage read them in.
  std::sort(tallies.begin(), tallies.end(),
            [](const SurveyGroupTally& a, const SurveyGroupTally& b) { return a.group < b.group; });

  // The dimension's groups and which of them are shown.
  std::vector<int> sizes;
  int total = 0;
  for (const SurveyGroupTally& t : tallies) {
    sizes.push_back(t.sheets);
    total += t.sheets;
  }
  if (query.by.empty()) total = sheets;
  const std::vector<bool> hidden = HiddenGroups(sizes, k);
  const bool total_hidden = total < k;
  std::size_t selected = tallies.size();
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    const bool h = hidden[i] || total_hidden;
    out.groups.push_back({tallies[i].group, h, h ? 0 : tallies[i].sheets});
    if (query.group && *query.group == tallies[i].group) selected = i;
  }

  if (query.group) {
    if (selected == tallies.size()) {
      out.hidden = true;  // nobody of that group answered: nothing to show or hide
      return out;
    }
    out.hidden = out.groups[selected].hidden;
  } else {
    out.hidden = total_hidden;
  }
  out.responses = out.hidden ? 0 : sheets;
  if (out.hidden) return out;

  for (const Question& q : questions) {
    bool question_hidden = answered(q) < k;
    if (!question_hidden && query.group) {
      // The same rule over the groups' answer counts of this question: optional questions are
      // answered by fewer people than the group holds.
      std::vector<int> counts;
      for (const SurveyGroupTally& t : tallies) {
        auto it = t.answered.find(q.id);
        counts.push_back(it == t.answered.end() ? 0 : it->second);
      }
      question_hidden = HiddenGroups(counts, k)[selected];
    }
    out.questions.push_back(question_hidden ? Hidden(q, 0) : figures(q));
  }
  return out;
}

}  // namespace

Result<SurveyResults> SummarizeTallied(const std::vector<Question>& questions,
                                       std::vector<SurveyGroupTally> tallies,
                                       const std::vector<SurveyResponse>& selection, int k,
                                       int invited, const SurveyResultsQuery& query) {
  std::vector<const SurveyResponse*> sheets;
  for (const SurveyResponse& r : selection) sheets.push_back(&r);
  return Summarize(
      questions, std::move(tallies), static_cast<int>(sheets.size()), k, invited, query,
      [&](const Question& q) {
        int answered = 0;
        for (const SurveyResponse* r : sheets) answered += IsAnswered(r->answers, q.id);
        return answered;
      },
      [&](const Question& q) { return Figures(q, sheets); });
}

Result<SurveyResults> SummarizeScores(const std::vector<Question>& questions,
                                      std::vector<SurveyGroupTally> tallies,
                                      const SurveySelectionNumbers& selection, int k, int invited,
                                      const SurveyResultsQuery& query) {
  auto answered_of = [&](const Question& q) {
    auto it = selection.answered.find(q.id);
    return it == selection.answered.end() ? 0 : it->second;
  };
  return Summarize(questions, std::move(tallies), selection.sheets, k, invited, query, answered_of,
                   [&](const Question& q) {
                     QuestionResult out;
                     out.question = q;
                     out.answered = answered_of(q);
                     if (q.type != QuestionType::kScale && q.type != QuestionType::kNps) {
                       return out;
                     }
                     auto numbers = selection.numbers.find(q.id);
                     long long sum = 0;
                     int promoters = 0, detractors = 0;
                     for (const std::string& v : ValuesOf(q)) out.counts.push_back({v, 0});
                     if (numbers != selection.numbers.end()) {
                       for (const auto& [n, count] : numbers->second) {
                         for (AnswerCount& c : out.counts) {
                           if (c.value == std::to_string(n)) c.count += count;
                         }
                         sum += static_cast<long long>(n) * count;
                         if (n >= 9) promoters += count;
                         if (n <= 6) detractors += count;
                       }
                     }
                     if (out.answered > 0) out.mean = static_cast<double>(sum) / out.answered;
                     if (out.answered > 0 && q.type == QuestionType::kNps) {
                       out.nps =
                           static_cast<int>((100.0 * (promoters - detractors)) / out.answered +
                                            (promoters >= detractors ? 0.5 : -0.5));
                     }
                     return out;
                   });
}

}  // namespace pairwise::domain

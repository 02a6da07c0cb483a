package classic

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Assessment reports. GetAssessmentReport answers COMPLETED at once (AWS
// answers WORK_IN_PROGRESS while it renders the report and the client
// asks again) with a URL that names the report:
//
//	https://inspector-reports.<region>.amazonaws.com/<account>/<target id>/<template id>/<run id>/<finding|full>.<html|pdf>
//
// The model renders the document itself, deterministically from the run:
// GetAssessmentReportOutput.Body carries it, and Service.AssessmentReport
// renders it again from the URL (for an HTTP front end that serves the
// URLs). The HTML report is a self-contained page; the PDF report is a
// plain-text PDF 1.4 document of the same content. A findings report has
// the executive summary, the instances, the rules packages and every
// finding; a full report adds the rules packages that found nothing.

// GetAssessmentReport produces the report of a completed run. A run in
// progress is AssessmentRunInProgressException; a run that failed or was
// canceled has no report (InvalidInputException INVALID_ASSESSMENT_RUN_STATE).
func (s *Service) GetAssessmentReport(caller *authz.Principal, region string, in *GetAssessmentReportInput) (*GetAssessmentReportOutput, error) {
	c, err := s.begin(caller, region, "GetAssessmentReport", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &GetAssessmentReportInput{}
	}
	if r := c.classify(in.AssessmentRunArn, kindRun); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentRunArn, kindRun, r)
	}
	if in.ReportFileFormat != ReportFileFormatHtml && in.ReportFileFormat != ReportFileFormatPdf {
		return nil, errUnsupported("The report file format %q is not supported.", in.ReportFileFormat)
	}
	if in.ReportType != ReportTypeFinding && in.ReportType != ReportTypeFull {
		return nil, errUnsupported("The report type %q is not supported.", in.ReportType)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	r, err := c.runLocked(sc, in.AssessmentRunArn)
	if err != nil {
		return nil, err
	}
	body, ctype, err := s.renderLocked(r, in.ReportFileFormat, in.ReportType)
	if err != nil {
		return nil, err
	}
	return &GetAssessmentReportOutput{Status: ReportStatusCompleted, URL: reportURL(sc, r, in.ReportFileFormat, in.ReportType),
		Body: body, ContentType: ctype}, nil
}

func reportURL(sc *scope, r *run, f ReportFileFormat, t ReportType) string {
	path := r.arn[strings.Index(r.arn, ":target/")+len(":target/"):]
	path = strings.NewReplacer("/template/", "/", "/run/", "/").Replace(path)
	return "https://inspector-reports." + sc.region + ".amazonaws.com/" + sc.account + "/" + path + "/" +
		strings.ToLower(string(t)) + "." + strings.ToLower(string(f))
}

// AssessmentReport renders the report a GetAssessmentReport URL names,
// with its content type; ok is false when the URL names no report of an
// existing completed run. It is the model's stand-in for fetching the
// presigned URL and needs no caller: the URL is the credential.
func (s *Service) AssessmentReport(url string) (body []byte, contentType string, ok bool) {
	rest, found := strings.CutPrefix(url, "https://inspector-reports.")
	if !found {
		return nil, "", false
	}
	region, rest, _ := strings.Cut(rest, ".amazonaws.com/")
	parts := strings.Split(rest, "/")
	if len(parts) != 5 {
		return nil, "", false
	}
	name, ext, _ := strings.Cut(parts[4], ".")
	f, t := ReportFileFormat(strings.ToUpper(ext)), ReportType(strings.ToUpper(name))
	arn := "arn:" + s.partition + ":inspector:" + region + ":" + parts[0] + ":target/" + parts[1] + "/template/" + parts[2] + "/run/" + parts[3]
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := s.scopes[scopeKey{region, parts[0]}]
	if sc == nil {
		return nil, "", false
	}
	s.advanceLocked(sc, s.now())
	r := sc.runs[arn]
	if r == nil || (f != ReportFileFormatHtml && f != ReportFileFormatPdf) || (t != ReportTypeFinding && t != ReportTypeFull) {
		return nil, "", false
	}
	body, contentType, err := s.renderLocked(r, f, t)
	return body, contentType, err == nil
}

// renderLocked renders a run's report.
func (s *Service) renderLocked(r *run, f ReportFileFormat, t ReportType) ([]byte, string, error) {
	switch r.state {
	case AssessmentRunStateCompleted, AssessmentRunStateCompletedWithErrors:
	case AssessmentRunStateFailed, AssessmentRunStateError, AssessmentRunStateCanceled:
		return nil, "", errInvalid(InvalidInputErrorCodeInvalidAssessmentRunState,
			"The assessment run %s ended in state %s: it has no report.", r.arn, r.state)
	default:
		return nil, "", errRunsInProgress([]string{r.arn}, "The assessment run %s is in progress: its report is not available yet.", r.arn)
	}
	doc := reportDocument(r, t)
	if f == ReportFileFormatPdf {
		return renderPDF(doc), "application/pdf", nil
	}
	return renderHTML(doc), "text/html; charset=utf-8", nil
}

// A report document: a title and sections of lines.
type reportDoc struct {
	title    string
	sections []reportSection
}

type reportSection struct {
	heading string
	lines   []string
}

func reportDocument(r *run, t ReportType) reportDoc {
	ts := func(x time.Time) string { return x.UTC().Format(time.RFC3339) }
	doc := reportDoc{title: "Amazon Inspector Classic - Assessment Report"}
	summary := []string{
		"Report type: " + string(t),
		"Assessment run: " + r.name,
		"Assessment run ARN: " + r.arn,
		"Assessment template: " + r.tmpl.name,
		"Assessment target: " + r.tmpl.target.name,
		"State: " + string(r.state),
		"Started: " + ts(r.startedAt),
		"Completed: " + ts(r.completedAt),
		"Duration: " + strconv.Itoa(int(r.duration)) + " seconds",
		"Instances assessed: " + strconv.Itoa(len(r.agents)),
	}
	for i, sev := range severityOrder {
		summary = append(summary, fmt.Sprintf("%s severity findings: %d", sev, r.counts[i]))
	}
	doc.sections = append(doc.sections, reportSection{"Executive summary", summary})
	var agents []string
	for _, a := range r.agents {
		agents = append(agents, a.id+" (agent "+string(a.health)+")")
	}
	doc.sections = append(doc.sections, reportSection{"EC2 instances assessed", agents})
	var pkgs, passed []string
	for i, p := range r.packages {
		k := r.kinds[i]
		pkgs = append(pkgs, k.String()+" ("+p+")")
		clean := true
		for _, f := range r.findings {
			if f.kind == k && f.rec.Severity != SeverityInformational {
				clean = false
				break
			}
		}
		if clean {
			passed = append(passed, k.String()+": no potential security issues found")
		}
	}
	doc.sections = append(doc.sections, reportSection{"Rules packages", pkgs})
	var findings []string
	for _, f := range r.findings {
		findings = append(findings, "["+string(f.rec.Severity)+"] "+f.rec.Title, "    "+f.rec.Arn, "    Recommendation: "+f.rec.Recommendation)
	}
	doc.sections = append(doc.sections, reportSection{"Findings", findings})
	if t == ReportTypeFull {
		doc.sections = append(doc.sections, reportSection{"Passed rules packages", passed})
	}
	return doc
}

func renderHTML(doc reportDoc) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(doc.title))
	b.WriteString("</title></head>\n<body>\n<h1>")
	b.WriteString(html.EscapeString(doc.title))
	b.WriteString("</h1>\n")
	for _, s := range doc.sections {
		b.WriteString("<h2>" + html.EscapeString(s.heading) + "</h2>\n<ul>\n")
		if len(s.lines) == 0 {
			b.WriteString("<li>None</li>\n")
		}
		for _, l := range s.lines {
			b.WriteString("<li>" + html.EscapeString(l) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

// renderPDF writes the document as a PDF 1.4 file of Helvetica text, 60
// lines a page. Characters outside printable ASCII become '?'.
func renderPDF(doc reportDoc) []byte {
	lines := []string{doc.title, ""}
	for _, s := range doc.sections {
		lines = append(lines, s.heading)
		if len(s.lines) == 0 {
			lines = append(lines, "  None")
		}
		for _, l := range s.lines {
			for len(l) > 100 {
				lines = append(lines, "  "+l[:100])
				l = "    " + l[100:]
			}
			lines = append(lines, "  "+l)
		}
		lines = append(lines, "")
	}
	const perPage = 60
	var pages [][]string
	for len(lines) > perPage {
		pages = append(pages, lines[:perPage])
		lines = lines[perPage:]
	}
	pages = append(pages, lines)

	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	// 1: catalog, 2: pages, 3: font, then a page and its content per page.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = strconv.Itoa(4+2*i) + " 0 R"
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(len(pages)) + " >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, pg := range pages {
		var cs strings.Builder
		cs.WriteString("BT /F1 10 Tf 50 760 Td 12 TL\n")
		for _, l := range pg {
			cs.WriteString("(" + pdfEscape(l) + ") Tj T*\n")
		}
		cs.WriteString("ET")
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
			strconv.Itoa(5+2*i) + " 0 R >>")
		obj("<< /Length " + strconv.Itoa(cs.Len()) + " >>\nstream\n" + cs.String() + "\nendstream")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func pdfEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

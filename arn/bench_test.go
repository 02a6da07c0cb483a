package arn_test

import (
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/arn"
)

func BenchmarkParse(b *testing.B) {
	const s = "arn:aws:sts::123456789012:assumed-role/Admin/session-name"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := arn.Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseError(b *testing.B) {
	const s = "arn:aws:iam::12345:root"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := arn.Parse(s); err == nil {
			b.Fatal("no error")
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	const s = "arn:aws:s3:::bucket/some/long/key/with:colons.txt"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := arn.Split(s); !ok {
			b.Fatal("not ok")
		}
	}
}

func benchPattern(b *testing.B, pattern, value string, want bool) {
	p, err := arn.CompilePattern(pattern)
	if err != nil {
		b.Fatal(err)
	}
	if p.Match(value) != want {
		b.Fatalf("CompilePattern(%q).Match(%q) = %v, want %v", pattern, value, !want, want)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Match(value)
	}
}

func BenchmarkPatternMatchExact(b *testing.B) {
	const s = "arn:aws:iam::123456789012:user/alice"
	benchPattern(b, s, s, true)
}

func BenchmarkPatternMatchS3Prefix(b *testing.B) {
	benchPattern(b, "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/2024/01/logs/a.txt", true)
}

func BenchmarkPatternMatchS3PrefixMiss(b *testing.B) {
	benchPattern(b, "arn:aws:s3:::bucket/*", "arn:aws:s3:::other-bucket/2024/01/logs/a.txt", false)
}

func BenchmarkPatternMatchRegionWildcard(b *testing.B) {
	benchPattern(b, "arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", true)
}

func BenchmarkPatternMatchStar(b *testing.B) {
	benchPattern(b, "*", "arn:aws:s3:::bucket/2024/01/logs/a.txt", true)
}

func BenchmarkCompilePattern(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := arn.CompilePattern("arn:aws:s3:::bucket/*"); err != nil {
			b.Fatal(err)
		}
	}
}

import { describe, expect, it } from 'vitest';
import { posterImageUrl, webUrl } from '../../../frontend/src/view/external-links.ts';
import { reviewSummary, sentimentText } from '../../../frontend/src/view/review-sentiment.ts';
import {
  formatDate,
  formatRuntime,
  formatVoteAverage,
  languageName,
} from '../../../frontend/src/view/tmdb-details.ts';

describe("a movie's TMDB details", () => {
  it('writes the runtime in hours and minutes', () => {
    expect(formatRuntime(81)).toBe('1 h 21 min');
    expect(formatRuntime(45)).toBe('45 min');
    expect(formatRuntime(120)).toBe('2 h');
    expect(formatRuntime(201)).toBe('3 h 21 min');
    expect(formatRuntime(null)).toBeNull();
    expect(formatRuntime(0)).toBeNull();
  });

  it('writes dates as the same day in every time zone', () => {
    expect(formatDate('1995-10-30')).toBe('30 October 1995');
    expect(formatDate('2019-03-12T23:30:00.000Z')).toBe('12 March 2019');
    expect(formatDate('sometime')).toBe('sometime');
    expect(formatDate(null)).toBeNull();
    expect(formatDate('')).toBeNull();
  });

  it('names the original language', () => {
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('French');
    expect(languageName('not a tag')).toBe('not a tag');
    expect(languageName(null)).toBeNull();
  });

  it("writes TMDB's vote average out of 10 with the votes", () => {
    expect(formatVoteAverage(7.968, 17213)).toBe('8.0 / 10 (17,213 votes)');
    expect(formatVoteAverage(6, 1)).toBe('6.0 / 10 (1 vote)');
    expect(formatVoteAverage(6.5, null)).toBe('6.5 / 10');
    expect(formatVoteAverage(0, 0)).toBeNull();
    expect(formatVoteAverage(null, 12)).toBeNull();
  });

  it('builds poster URLs only from a plain TMDB image path', () => {
    expect(posterImageUrl('/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg')).toBe(
      'https://image.tmdb.org/t/p/w342/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
    );
    expect(posterImageUrl(null)).toBeNull();
    expect(posterImageUrl('//evil.example/x.jpg')).toBeNull();
    expect(posterImageUrl('/../x.jpg?a=1')).toBeNull();
  });
});

describe("a movie's reviews", () => {
  it('sums up the sentiments', () => {
    expect(reviewSummary({ total: 3, positive: 1, mixed: 1, negative: 1 })).toBe(
      '3 reviews: 1 positive, 1 mixed, 1 negative',
    );
    expect(reviewSummary({ total: 12, positive: 9, mixed: 2, negative: 1 })).toBe(
      '12 reviews: 9 positive, 2 mixed, 1 negative',
    );
    expect(reviewSummary({ total: 1, positive: 0, mixed: 0, negative: 1 })).toBe(
      '1 review: 0 positive, 0 mixed, 1 negative',
    );
    expect(reviewSummary({ total: 0, positive: 0, mixed: 0, negative: 0 })).toBe('No reviews yet');
  });

  it('says the sentiment in words with its signed score', () => {
    expect(sentimentText({ label: 'positive', score: 0.4213 })).toBe('Positive +0.42');
    expect(sentimentText({ label: 'negative', score: -0.5 })).toBe('Negative −0.50');
    expect(sentimentText({ label: 'mixed', score: 0 })).toBe('Mixed +0.00');
  });

  it('links a review only to an http(s) address', () => {
    const url = 'https://www.themoviedb.org/review/5b1a4c3b0e0a262d9c00f1b9';
    expect(webUrl(url)).toBe(url);
    expect(webUrl('javascript:alert(1)')).toBeNull();
    expect(webUrl('data:text/html,hi')).toBeNull();
    expect(webUrl('/relative')).toBeNull();
  });
});

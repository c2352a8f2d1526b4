/**
 * The tabwriter port against the examples in Go's text/tabwriter example_test.go, plus the two
 * configurations kubectl uses.
 */
import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite, TabWriter } from '../../src/views/tabwriter.ts';

describe('Go text/tabwriter examples', () => {
  it('ExampleWriter_Init: tab padding', () => {
    const text = 'a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n';
    expect(tabwrite(text, { minwidth: 0, tabwidth: 8, padding: 0, padchar: '\t' })).toBe(
      'a\tb\tc\td\t\t.\n' +
      '123\t12345\t1234567\t123456789\t.\n',
    );
  });

  it('ExampleWriter_Init: right-aligned space padding', () => {
    const text = 'a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n';
    expect(tabwrite(text, { minwidth: 5, tabwidth: 0, padding: 1, padchar: ' ', alignRight: true })).toBe(
      '    a     b       c         d.\n' +
      '  123 12345 1234567 123456789.\n',
    );
  });

  it('Example_elastic: cells in the same position can belong to different column blocks', () => {
    const text = 'a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n';
    expect(tabwrite(text, { minwidth: 0, tabwidth: 0, padding: 1, padchar: '.', alignRight: true, debug: true })).toBe(
      '....a|..b|c\n' +
      '...aa|.bb|cc\n' +
      '..aaa|\n' +
      '.aaaa|.dddd|eeee\n',
    );
  });

  it('Example_trailingTab: a cell without a trailing tab is not part of a column', () => {
    const text = 'a\tb\taligned\t\naa\tbb\taligned\t\naaa\tbbb\tunaligned\naaaa\tbbbb\taligned\t\n';
    expect(tabwrite(text, { minwidth: 0, tabwidth: 0, padding: 3, padchar: '-', alignRight: true, debug: true })).toBe(
      '------a|------b|---aligned|\n' +
      '-----aa|-----bb|---aligned|\n' +
      '----aaa|----bbb|unaligned\n' +
      '---aaaa|---bbbb|---aligned|\n',
    );
  });
});

describe('kubectl writer settings', () => {
  it('kubectl get pads every column but the last by 3 spaces', () => {
    expect(tabwrite('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nnginx\t1/1\tRunning\t0\t5m\n', GET_TABWRITER)).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n' +
      'nginx   1/1     Running   0          5m\n',
    );
  });

  it('kubectl get gives short columns a minimum width of 6', () => {
    expect(tabwrite('A\tB\nx\ty\n', GET_TABWRITER)).toBe('A     B\nx     y\n');
  });

  it('widths are counted in characters, not bytes', () => {
    expect(tabwrite('é\tx\nab\ty\n', DESCRIBE_TABWRITER)).toBe('é   x\nab  y\n');
  });

  it('describe aligns Key:\\tvalue lines only within a block of consecutive tabbed lines', () => {
    const text = 'Name:\tnginx\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n';
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe(
      'Name:       nginx\n' +
      'Namespace:  default\n' +
      'IPs:\n' +
      '  IP:           10.0.0.1\n' +
      'Controlled By:  ReplicaSet/x\n',
    );
  });

  it('a padded cell followed by an empty last cell keeps its trailing spaces', () => {
    expect(tabwrite('Container ID:\t\nImage:\tnginx\n', DESCRIBE_TABWRITER)).toBe('Container ID:  \nImage:         nginx\n');
  });

  it('text without a final newline is flushed as is', () => {
    expect(tabwrite('a\tb\ncc\td', DESCRIBE_TABWRITER)).toBe('a   b\ncc  d');
  });

  it('an explicit flush separates alignment', () => {
    const w = new TabWriter(DESCRIBE_TABWRITER);
    w.write('a:\tx\n');
    w.flush();
    w.write('longer key:\ty\n');
    expect(w.toString()).toBe('a:  x\nlonger key:  y\n');
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenTreeView } from '../../../src/panel/components/TokenTreeView';
import type { TreeNode } from '../../../src/core/report/token-tree';

afterEach(cleanup);

const ROOT: TreeNode = {
  label: 'SPNEGO NegTokenResp',
  range: [0, 9],
  children: [
    { label: 'negState', value: 'accept-completed', range: [4, 7] },
    { label: 'inner', children: [{ label: 'etype', value: '18 (aes256-cts-hmac-sha1-96)', range: [7, 9] }] },
  ],
};

describe('TokenTreeView', () => {
  it('walks, opens, closes and selects with the keyboard, one item in the tab order', () => {
    const onSelect = vi.fn();
    const { getAllByRole, getByRole } = render(<TokenTreeView root={ROOT} selected={null} onSelect={onSelect} />);
    const tree = getByRole('tree');
    const tabbable = () => getAllByRole('treeitem').filter((item) => item.getAttribute('tabindex') === '0');
    expect(tabbable().map((item) => item.dataset['path'])).toEqual(['0']);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(tabbable()[0]?.dataset['path']).toBe('0.0');
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith([4, 7]);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    const inner = getAllByRole('treeitem').find((item) => item.dataset['path'] === '0.1');
    expect(inner?.getAttribute('aria-expanded')).toBe('false');
    expect(getAllByRole('treeitem').some((item) => item.dataset['path'] === '0.1.0')).toBe(false);
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(tabbable()[0]?.dataset['path']).toBe('0.1.0');
    fireEvent.keyDown(tree, { key: 'Home' });
    expect(tabbable()[0]?.dataset['path']).toBe('0');
  });

  it('explains jargon on hover and ends a label with ":" only when a value follows', () => {
    const { getAllByRole } = render(<TokenTreeView root={ROOT} />);
    const negState = getAllByRole('treeitem').find((item) => item.dataset['path'] === '0.0');
    expect(negState?.getAttribute('title')).toMatch(/bytes 4–7\nThe server’s verdict inside a SPNEGO answer/);
    const etype = getAllByRole('treeitem').find((item) => item.dataset['path'] === '0.1.0');
    expect(etype?.getAttribute('title')).toContain('Kerberos encryption type');
    expect(getAllByRole('treeitem')[0]?.querySelector('.tree-label')?.classList.contains('has-value')).toBe(false);
    expect(negState?.querySelector('.tree-label')?.classList.contains('has-value')).toBe(true);
  });
});
